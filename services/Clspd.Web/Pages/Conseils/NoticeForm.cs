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

    /// <summary>The form filled with a draft's content, to edit it.</summary>
    public static NoticeForm From(NoticeContent? content) => content is null ? new NoticeForm() : new NoticeForm
    {
        Title = content.Title,
        Controller = content.Controller,
        Purposes = content.Purposes,
        Recipients = content.Recipients,
        Retention = content.Retention,
        LegalBasis = content.LegalBasis,
        Rights = content.Rights,
        RightsContact = content.RightsContact,
        DpoContact = content.DpoContact,
        CnilComplaint = content.CnilComplaint,
        AdditionalInformation = content.AdditionalInformation,
    };

    /// <summary>One item by its field name (those of <see cref="NoticesModel.Fields"/>).</summary>
    public string? Item(string field) => field switch
    {
        nameof(Title) => Title,
        nameof(Controller) => Controller,
        nameof(Purposes) => Purposes,
        nameof(Recipients) => Recipients,
        nameof(Retention) => Retention,
        nameof(LegalBasis) => LegalBasis,
        nameof(Rights) => Rights,
        nameof(RightsContact) => RightsContact,
        nameof(DpoContact) => DpoContact,
        nameof(CnilComplaint) => CnilComplaint,
        nameof(AdditionalInformation) => AdditionalInformation,
        _ => null,
    };

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
