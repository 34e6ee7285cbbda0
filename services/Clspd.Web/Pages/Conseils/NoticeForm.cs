using Clspd.Consent.V1;

namespace Clspd.Web.Pages.Conseils;

/// <summary>The items of a notice as the draft form posts them (any may be empty in a draft).</summary>
public sealed class NoticeForm
{
    public string? Title { get; set; }

    public string? Controller { get; set; }

    public string? Purposes { get; set; }

    public string? Recipients { get; set; }

    public string? Retention { get; set; }

    public string? LegalBasis { get; set; }

    public string? Rights { get; set; }

    public string? RightsContact { get; set; }

    public string? DpoContact { get; set; }

    public string? CnilComplaint { get; set; }

    public string? AdditionalInformation { get; set; }

    public NoticeContent ToContent() => new()
    {
        Title = Title ?? string.Empty,
        Controller = Controller ?? string.Empty,
        Purposes = Purposes ?? string.Empty,
        Recipients = Recipients ?? string.Empty,
        Retention = Retention ?? string.Empty,
        LegalBasis = LegalBasis ?? string.Empty,
        Rights = Rights ?? string.Empty,
        RightsContact = RightsContact ?? string.Empty,
        DpoContact = DpoContact ?? string.Empty,
        CnilComplaint = CnilComplaint ?? string.Empty,
        AdditionalInformation = AdditionalInformation ?? string.Empty,
    };
}
