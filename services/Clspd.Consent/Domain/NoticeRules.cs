using Clspd.Consent.V1;
using Clspd.Rules;

namespace Clspd.Consent.Domain;

/// <summary>CON-1: the items of an information notice, which of them are mandatory, and their French headings.</summary>
public static class NoticeRules
{
    /// <summary>Longest accepted item text.</summary>
    public const int MaxItemLength = 4000;

    /// <summary>One item: its proto field, French heading, English description, whether publishing needs it.</summary>
    public sealed record Item(string Field, string Heading, string Description, bool Mandatory, Func<NoticeContent, string> Value);

    public static IReadOnlyList<Item> Items { get; } =
    [
        new("controller", "Responsable du traitement", "the controller (responsable du traitement)", true, c => c.Controller),
        new("purposes", "Finalités du traitement", "the purposes of the processing", true, c => c.Purposes),
        new("recipients", "Destinataires des données", "the recipients of the data", true, c => c.Recipients),
        new("retention", "Durée de conservation", "the retention period", true, c => c.Retention),
        new("legal_basis", "Base légale", "the legal basis", true, c => c.LegalBasis),
        new("rights", "Vos droits", "the person's rights", true, c => c.Rights),
        new("rights_contact", "Où exercer vos droits", "where and how to exercise the rights", true, c => c.RightsContact),
        new("dpo_contact", "Délégué à la protection des données", "the contact of the data-protection officer", true, c => c.DpoContact),
        new("cnil_complaint", "Réclamation auprès de la CNIL", "the right to lodge a complaint with the CNIL", true, c => c.CnilComplaint),
        new("additional_information", "Informations complémentaires", "further information", false, c => c.AdditionalInformation),
    ];

    /// <summary>CON-1: the mandatory items a notice does not state yet (blank counts as missing).</summary>
    public static IReadOnlyList<Item> MissingItems(NoticeContent content) =>
        [.. Items.Where(i => i.Mandatory && string.IsNullOrWhiteSpace(i.Value(content)))];

    /// <summary>
    /// CON-1: a notice is published only when it states every mandatory item; the refusal names
    /// each missing one (<see cref="MissingItems"/> gives them one by one).
    /// </summary>
    public static Violation? Publishable(NoticeContent content)
    {
        var missing = MissingItems(content);
        return missing.Count == 0
            ? null
            : new Violation("CON-1", "content", "the notice cannot be published: it does not state " + string.Join(", ", missing.Select(m => m.Description)));
    }

    /// <summary>CON-1: a published notice is immutable; only a draft changes or is published.</summary>
    public static Violation? Editable(string noticeId, bool isDraft) =>
        isDraft ? null : new Violation("CON-1", noticeId, "a published notice is immutable; create a new draft for a new version");

    /// <summary>CON-1: informing uses a published notice.</summary>
    public static Violation? UsableForInforming(string noticeVersion, bool published) =>
        published ? null : new Violation("CON-1", noticeVersion, "informing must use a published notice (NoticeService.PublishNotice)");

    /// <summary>The title, or the default French title when none is given.</summary>
    public static string TitleOf(NoticeContent content) =>
        string.IsNullOrWhiteSpace(content.Title) ? "Information sur le traitement de vos données personnelles" : content.Title.Trim();
}
