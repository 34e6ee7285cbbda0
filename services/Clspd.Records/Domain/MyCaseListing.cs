namespace Clspd.Records.Domain;

/// <summary>What "my cases" does with a candidate once access answered (see <see cref="CaseReach.Listing"/>).</summary>
public enum MyCaseListing
{
    /// <summary>Allowed: listed pseudonymously.</summary>
    Shown,

    /// <summary>Refused, and the caller has a relation that makes the refusal worth seeing: listed with its rules and sentence only.</summary>
    Refused,

    /// <summary>Refused with no need to know: not listed (ACC-1).</summary>
    LeftOut,
}
