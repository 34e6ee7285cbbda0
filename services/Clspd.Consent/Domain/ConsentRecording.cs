namespace Clspd.Consent.Domain;

/// <summary>What a caller records for a person, each under its rule.</summary>
public enum ConsentRecording
{
    /// <summary>CON-2: an informing.</summary>
    Informing,

    /// <summary>CON-3: a decision.</summary>
    Decision,

    /// <summary>CON-4: a withdrawal.</summary>
    Withdrawal,
}
