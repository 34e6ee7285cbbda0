namespace Clspd.Registry.Domain;

/// <summary>The registry writes reserved to bootstrap administrators and council coordinators.</summary>
public enum RegistryAction
{
    /// <summary>REG-1: name the council's controller or coordinator.</summary>
    NameOfficer,

    /// <summary>REG-2: create a body of the council.</summary>
    CreateBody,

    /// <summary>REG-2: close a body.</summary>
    CloseBody,

    /// <summary>REG-2: schedule a meeting of a group.</summary>
    ScheduleMeeting,

    /// <summary>REG-3: publish a charter version.</summary>
    PublishCharterVersion,

    /// <summary>REG-3: record an institution's signature of the charter.</summary>
    SignCharter,

    /// <summary>REG-3: record a partner institution (any council's coordinator).</summary>
    RecordInstitution,

    /// <summary>REG-4: register a participant (any council's coordinator).</summary>
    RegisterParticipant,

    /// <summary>REG-4: record a designation.</summary>
    Designate,

    /// <summary>REG-5: revoke a designation.</summary>
    RevokeDesignation,

    /// <summary>REG-5: record a confidentiality breach.</summary>
    RecordBreach,
}
