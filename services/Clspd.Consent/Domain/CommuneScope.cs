using Clspd.Rules;

namespace Clspd.Consent.Domain;

/// <summary>
/// Minimal feeds across organisations (ACC-1, need-to-know): when the department's consent serves
/// several communes, a commune's services see only the subjects of the councils that commune runs.
/// With no commune configured there is one organisation and nothing is narrowed.
/// </summary>
public static class CommuneScope
{
    /// <summary>
    /// The councils an organisation's services may see: null when no commune is configured (no
    /// restriction), else the councils of the communes of that organisation (none for any other).
    /// </summary>
    public static IReadOnlySet<string>? CouncilsVisibleTo(IReadOnlyList<Commune> communes, string? organisation)
    {
        ArgumentNullException.ThrowIfNull(communes);
        if (communes.Count == 0)
        {
            return null;
        }

        return string.IsNullOrEmpty(organisation)
            ? new HashSet<string>(StringComparer.Ordinal)
            : communes.Where(c => string.Equals(c.Organisation, organisation, StringComparison.Ordinal))
                .SelectMany(c => c.Councils).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether a subject (or a figure) of <paramref name="councilId"/> may go to a caller who sees
    /// <paramref name="visible"/>: always without restriction; never when the subject has no council.
    /// </summary>
    public static bool Sees(IReadOnlySet<string>? visible, string? councilId) =>
        visible is null || (!string.IsNullOrEmpty(councilId) && visible.Contains(councilId));

    /// <summary>ACC-1: a commune's service asks about a council another commune runs (or none it runs).</summary>
    public static Violation? MayConcern(IReadOnlySet<string>? visible, string? councilId) =>
        Sees(visible, councilId)
            ? null
            : new Violation("ACC-1", "council_id", $"council '{councilId}' is not run by the calling service's commune: a commune sees only the subjects of its own councils");

    /// <summary>
    /// ACC-1: a commune's service re-registers a subject registered with a council it does not run:
    /// refused naming neither that council nor its commune, nor anything of the subject.
    /// </summary>
    public static Violation? MayReRegister(IReadOnlySet<string>? visible, string knownCouncil) =>
        Sees(visible, knownCouncil)
            ? null
            : new Violation("ACC-1", "subject_ref", "this subject reference cannot be registered by the calling service's commune: register the person under a new reference");

    /// <summary>The commune that runs a council (its registry holds the designations), or null.</summary>
    public static Commune? CommuneOf(IReadOnlyList<Commune> communes, string? councilId)
    {
        ArgumentNullException.ThrowIfNull(communes);
        return string.IsNullOrEmpty(councilId) ? null : communes.FirstOrDefault(c => c.Councils.Contains(councilId, StringComparer.Ordinal));
    }

    /// <summary>What is wrong with the communes' configuration, as sentences naming the setting.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<Commune> communes)
    {
        ArgumentNullException.ThrowIfNull(communes);
        var problems = new List<string>();
        var runBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var commune in communes)
        {
            var setting = $"Consent:Communes:{commune.Name}";
            if (string.IsNullOrWhiteSpace(commune.Organisation))
            {
                problems.Add($"{setting}:Organisation is not set: name the organisation its services' certificates (O) and tokens carry");
            }

            if (string.IsNullOrWhiteSpace(commune.Registry))
            {
                problems.Add($"{setting}:Registry is not set: give the address of the commune's registry (https://…)");
            }

            if (commune.Councils.Count == 0)
            {
                problems.Add($"{setting}:Councils is empty: list the council ids the commune runs");
            }

            foreach (var council in commune.Councils)
            {
                if (string.IsNullOrWhiteSpace(council))
                {
                    problems.Add($"{setting}:Councils holds an empty council id");
                }
                else if (!runBy.TryAdd(council, commune.Name))
                {
                    problems.Add($"{setting}:Councils names council '{council}', which Consent:Communes:{runBy[council]} already runs: a council belongs to one commune");
                }
            }
        }

        return problems;
    }
}
