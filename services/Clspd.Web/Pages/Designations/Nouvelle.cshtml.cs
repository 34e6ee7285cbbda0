using Clspd.Registry.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Designations;

/// <summary>Records a designation by mayor's order (REG-4).</summary>
public sealed class NouvelleModel(Gateway.Services services) : FormPage
{
    public static readonly Role[] Roles = [Role.GroupMember, Role.Coordinator, Role.CoordinationTeam, Role.OccasionalAttendee, Role.PathReferent, Role.MeasureImplementer];

    [BindProperty]
    public DesignationForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var order = Form.OrderDate!.Value;
        var answer = await services.Registry.DesignateAsync(new DesignateRequest
        {
            RequestId = Form.RequestId,
            Order = new MayorOrder { Number = Form.OrderNumber, SignedBy = Form.SignedBy, Date = new Google.Type.Date { Year = order.Year, Month = order.Month, Day = order.Day } },
            ParticipantId = Form.ParticipantId.Trim(),
            GroupId = Form.GroupId.Trim(),
            Role = Form.Role,
            ValidFrom = FrenchDates.StartOfDay(Form.ValidFrom!.Value),
            ValidTo = FrenchDates.StartOfDay(Form.ValidTo!.Value),
            CaseRef = Form.CaseRef?.Trim() ?? string.Empty,
            MeetingId = Form.MeetingId?.Trim() ?? string.Empty,
            MeasureRef = Form.MeasureRef?.Trim() ?? string.Empty,
        }, cancellationToken: ct);
        services.Revisions.SawRegistry(answer.Revision);
        var warnings = answer.Warnings.Count == 0 ? string.Empty : " Avertissements : " + string.Join(" ; ", answer.Warnings);
        Done = $"Désignation enregistrée ({answer.Designation.Id}) : {Labels.Role(answer.Designation.Role)} du {FrenchDates.When(answer.Designation.ValidFrom)} au {FrenchDates.When(answer.Designation.ValidTo)}.{warnings}";
        Form = new DesignationForm();
        ModelState.Clear();
    });
}
