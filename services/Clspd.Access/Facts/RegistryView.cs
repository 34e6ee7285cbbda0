using Clspd.Access.Domain;
using Clspd.Access.Api;
using Clspd.Registry.V1;

namespace Clspd.Access.Facts;

/// <summary>
/// The access service's local copy of what the registry says about participants and their
/// designations, kept by applying the registry's change feed in revision order.
/// </summary>
public sealed class RegistryView(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _participantBySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Designation>> _designationsByParticipant = new(StringComparer.Ordinal);

    public FeedState Feed { get; } = new(time);

    public void Apply(WatchResponse change)
    {
        lock (_gate)
        {
            switch (change.ChangeCase)
            {
                case WatchResponse.ChangeOneofCase.Participant:
                    foreach (var subject in change.Participant.Subjects)
                    {
                        _participantBySubject[subject] = change.Participant.Id;
                    }

                    break;
                case WatchResponse.ChangeOneofCase.Designation:
                    var d = change.Designation;
                    if (!_designationsByParticipant.TryGetValue(d.ParticipantId, out var byId))
                    {
                        byId = new Dictionary<string, Designation>(StringComparer.Ordinal);
                        _designationsByParticipant[d.ParticipantId] = byId;
                    }

                    // A designation is re-sent whole when it changes (revocation, breach): latest wins.
                    byId[d.Id] = d;
                    break;
                default:
                    break;
            }
        }

        Feed.Advanced(change.Revision, caughtUp: change.ChangeCase == WatchResponse.ChangeOneofCase.None);
    }

    /// <summary>What the view knows of a subject: whether they are a participant, and all their designations.</summary>
    public (bool Known, IReadOnlyList<DesignationFact> Designations) Lookup(string subject)
    {
        lock (_gate)
        {
            if (!_participantBySubject.TryGetValue(subject, out var participantId))
            {
                return (false, []);
            }

            if (!_designationsByParticipant.TryGetValue(participantId, out var byId))
            {
                return (true, []);
            }

            return (true, [.. byId.Values.Select(FactSource.ToFact)]);
        }
    }
}
