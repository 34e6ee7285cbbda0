using Clspd.Consent.Domain;
using Clspd.Consent.Store;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Consent.Feeds;

/// <summary>
/// Minimal feeds (ACC-1): which changes of consent's feed go to a commune's service. A change about a
/// subject goes out when the subject's council is one the commune runs (<see cref="CommuneScope"/>):
/// the council a subject change carries, else the subject's council as registered now; an erasure
/// names its council as the change's entity. A subject with no council goes to nobody. Heartbeats
/// go to everyone: a commune learns the department's revision numbers and nothing else.
/// </summary>
public sealed class FeedScope(IReadOnlySet<string> visible, Database database, SubjectStore subjects)
{
    /// <summary>The feed's kind of an erasure (it carries no reference; its entity is the subject's council).</summary>
    public const string ErasureKind = "subject_erased";

    // The council of each subject as the stream has seen it (subject changes come in revision order).
    private readonly Dictionary<string, string> _councils = new(StringComparer.Ordinal);

    public async Task<bool> SendsAsync(ChangeRecord change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.IsHeartbeat)
        {
            return true;
        }

        return change.Kind switch
        {
            "subject" => CommuneScope.Sees(visible, await SubjectCouncilAsync(Subject.Parser.ParseFrom(change.Payload), ct)),
            "informing" => CommuneScope.Sees(visible, await CouncilOfAsync(Informing.Parser.ParseFrom(change.Payload).SubjectRef, ct)),
            "decision" => CommuneScope.Sees(visible, await CouncilOfAsync(ConsentDecision.Parser.ParseFrom(change.Payload).SubjectRef, ct)),
            ErasureKind => CommuneScope.Sees(visible, change.EntityId),
            _ => false,
        };
    }

    private async Task<string?> SubjectCouncilAsync(Subject subject, CancellationToken ct)
    {
        if (subject.CouncilId.Length > 0)
        {
            _councils[subject.SubjectRef] = subject.CouncilId;
            return subject.CouncilId;
        }

        // Registered again without a council: it keeps the one it had.
        return await CouncilOfAsync(subject.SubjectRef, ct);
    }

    private async Task<string?> CouncilOfAsync(string subjectRef, CancellationToken ct)
    {
        if (subjectRef.Length == 0)
        {
            return null;
        }

        if (_councils.TryGetValue(subjectRef, out var council))
        {
            return council;
        }

        council = await database.ReadAsync(s => subjects.CouncilOfAsync(s, subjectRef), ct);
        if (!string.IsNullOrEmpty(council))
        {
            _councils[subjectRef] = council;
        }

        return council;
    }
}
