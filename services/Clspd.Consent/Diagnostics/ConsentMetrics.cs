using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using Clspd.Consent.V1;

namespace Clspd.Consent.Diagnostics;

/// <summary>
/// The consent service's meter (<see cref="MeterName"/>; names in docs/operations.md, "Monitoring"): every consent
/// state lookup (what access and records ask before a named discussion or a programme action), by purpose and
/// answer. Tag values are names computed once, so a lookup allocates nothing for its measurement.
/// </summary>
public sealed class ConsentMetrics
{
    public const string MeterName = "Clspd.Consent";

    public const string Lookups = "clspd.consent.lookups";

    private static readonly FrozenDictionary<Purpose, string> Purposes = Enum.GetValues<Purpose>().ToFrozenDictionary(p => p, p => Name(p.ToString()));

    private static readonly FrozenDictionary<ConsentState, string> States = Enum.GetValues<ConsentState>().ToFrozenDictionary(s => s, s => Name(s.ToString()));

    private readonly Counter<long> _lookups;

    public ConsentMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _lookups = meters.Create(MeterName).CreateCounter<long>(Lookups, "{lookup}", "Consent state lookups answered, by purpose and state");
    }

    /// <summary>One lookup answered for <paramref name="purpose"/> with <paramref name="state"/>.</summary>
    public void LookedUp(Purpose purpose, ConsentState state)
    {
        if (_lookups.Enabled)
        {
            _lookups.Add(1, new KeyValuePair<string, object?>("purpose", Purposes.GetValueOrDefault(purpose, "unknown")),
                new KeyValuePair<string, object?>("state", States.GetValueOrDefault(state, "unknown")));
        }
    }

    // ProgrammeEnrolment -> programme_enrolment, the proto's own spelling lower-cased.
    private static string Name(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
