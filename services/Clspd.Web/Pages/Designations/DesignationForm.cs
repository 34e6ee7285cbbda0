using System.ComponentModel.DataAnnotations;
using Clspd.Registry.V1;

namespace Clspd.Web.Pages.Designations;

/// <summary>What the designation form asks.</summary>
public sealed class DesignationForm
{
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [Required(ErrorMessage = "Indiquez l'identifiant du participant.")]
    public string ParticipantId { get; set; } = string.Empty;

    [Required(ErrorMessage = "Indiquez l'identifiant du groupe.")]
    public string GroupId { get; set; } = string.Empty;

    public Role Role { get; set; } = Role.GroupMember;

    [Required(ErrorMessage = "Indiquez le numéro de l'arrêté.")]
    public string OrderNumber { get; set; } = string.Empty;

    [Required(ErrorMessage = "Indiquez la date de l'arrêté.")]
    public DateOnly? OrderDate { get; set; }

    [Required(ErrorMessage = "Indiquez le signataire de l'arrêté.")]
    public string SignedBy { get; set; } = string.Empty;

    [Required(ErrorMessage = "Indiquez le début de validité.")]
    public DateOnly? ValidFrom { get; set; }

    [Required(ErrorMessage = "Indiquez la fin de validité.")]
    public DateOnly? ValidTo { get; set; }

    public string? CaseRef { get; set; }

    public string? MeetingId { get; set; }

    public string? MeasureRef { get; set; }
}
