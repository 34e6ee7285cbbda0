using Clspd.Consent.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Conseils;

/// <summary>
/// The council's information notices: drafting one, editing a draft, and publishing it with the
/// missing mandatory items listed (CON-1).
/// </summary>
public sealed class NoticesModel(Gateway.Services services) : FormPage
{
    /// <summary>The notice's items (the form's field names) and their French labels.</summary>
    public static readonly (string Field, string Label)[] Fields =
    [
        (nameof(NoticeContent.Title), "Titre"),
        (nameof(NoticeContent.Controller), "Responsable du traitement et son adresse"),
        (nameof(NoticeContent.Purposes), "Finalités du traitement"),
        (nameof(NoticeContent.Recipients), "Destinataires des données"),
        (nameof(NoticeContent.Retention), "Durée de conservation"),
        (nameof(NoticeContent.LegalBasis), "Base légale"),
        (nameof(NoticeContent.Rights), "Droits de la personne"),
        (nameof(NoticeContent.RightsContact), "Où et comment exercer ses droits"),
        (nameof(NoticeContent.DpoContact), "Contact du délégué à la protection des données"),
        (nameof(NoticeContent.CnilComplaint), "Droit de réclamation auprès de la CNIL"),
        (nameof(NoticeContent.AdditionalInformation), "Informations complémentaires (facultatif)"),
    ];

    [FromRoute]
    public string CouncilId { get; set; } = string.Empty;

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    public NoticeForm Draft { get; set; } = new();

    /// <summary>The draft being edited (<c>?modifier=</c>), if it is one of the council's drafts.</summary>
    [FromQuery(Name = "modifier")]
    public string? EditedId { get; set; }

    /// <summary>The edited draft's items: its content on opening, what was typed after a post.</summary>
    [BindProperty]
    public NoticeForm Edit { get; set; } = new();

    public IReadOnlyList<Notice> Notices { get; private set; } = [];

    /// <summary>The draft being edited, or null.</summary>
    public Notice? Edited { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        Edit = NoticeForm.From(Edited?.Content);
    }

    /// <summary>Replaces the whole content of a draft (a published notice is never changed).</summary>
    public async Task<IActionResult> OnPostModifierAsync(string requestId)
    {
        var result = await SubmitAsync(async ct =>
        {
            var answer = await services.Notices.UpdateNoticeDraftAsync(
                new UpdateNoticeDraftRequest { RequestId = requestId, NoticeId = EditedId ?? string.Empty, Content = Edit.ToContent() }, cancellationToken: ct);
            Done = $"Brouillon « {answer.Notice.Content?.Title} » mis à jour le {FrenchDates.When(answer.Notice.UpdatedAt)}.";
        });
        await LoadAsync(HttpContext.RequestAborted);
        return result;
    }

    public async Task<IActionResult> OnPostBrouillonAsync()
    {
        var result = await SubmitAsync(async ct =>
        {
            var answer = await services.Notices.CreateNoticeDraftAsync(
                new CreateNoticeDraftRequest { RequestId = RequestId, CouncilId = CouncilId, Content = Draft.ToContent() }, cancellationToken: ct);
            Done = $"Brouillon enregistré ({answer.Notice.Id}).";
            RequestId = Guid.CreateVersion7().ToString();
            ModelState.Remove(nameof(RequestId));
        });
        await LoadAsync(HttpContext.RequestAborted);
        return result;
    }

    public async Task<IActionResult> OnPostPublierAsync(string noticeId, string requestId)
    {
        var result = await SubmitAsync(async ct =>
        {
            var answer = await services.Notices.PublishNoticeAsync(new PublishNoticeRequest { RequestId = requestId, NoticeId = noticeId }, cancellationToken: ct);
            Done = $"Notice publiée, version {answer.Notice.Version} ({answer.Notice.Id}).";
        });
        await LoadAsync(HttpContext.RequestAborted);
        return result;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Notices = (await services.Notices.ListNoticesAsync(new ListNoticesRequest { CouncilId = CouncilId }, cancellationToken: ct)).Notices;
        Edited = string.IsNullOrEmpty(EditedId) ? null : Notices.FirstOrDefault(n => n.Id == EditedId && n.Status == NoticeStatus.Draft);
    }
}
