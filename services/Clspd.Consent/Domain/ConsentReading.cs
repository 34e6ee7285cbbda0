namespace Clspd.Consent.Domain;

/// <summary>What a caller reads about a person, each under its rule.</summary>
public enum ConsentReading
{
    /// <summary>CON-4: a consent state.</summary>
    State,

    /// <summary>CON-5: the history, a receipt, the registration.</summary>
    Record,

    /// <summary>CON-2: a notice rendered for the person.</summary>
    Notice,
}
