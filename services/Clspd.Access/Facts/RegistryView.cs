using Clspd.Access.Domain;
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
    private readonly Dictionary<string, string> _currentCharter = new(StringComparer.Ordinal);
    private readonly HashSet<(string Council, string Version, string Institution)> _signatures = [];
    private readonly HashSet<(string Council, string Version, string Participant)> _acceptances = [];

    // A participant's facts as last looked up, until the next change of any kind (a Check asks for them on every call).
    private readonly Dictionary<string, DesignationFact[]> _factsBySubject = new(StringComparer.Ordinal);

    public FeedState Feed { get; } = new(time);

    public void Apply(WatchResponse change)
    {
        lock (_gate)
        {
            _factsBySubject.Clear();
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

                    // A designation is re-sent whole when it changes (revocation, closing of its group): latest wins.
                    byId[d.Id] = d;
                    break;
                case WatchResponse.ChangeOneofCase.ConfidentialityBreach:
                    // REG-5: the breach ends every listed designation at its instant.
                    var breach = change.ConfidentialityBreach;
                    if (_designationsByParticipant.TryGetValue(breach.ParticipantId, out var ended))
                    {
                        foreach (var id in breach.EndedDesignationIds)
                        {
                            if (ended.TryGetValue(id, out var old) && (old.RevokedAt is null || old.RevokedAt.ToDateTimeOffset() > breach.RecordedAt.ToDateTimeOffset()))
                            {
                                ended[id] = new Designation(old) { RevokedAt = breach.RecordedAt, RevocationReason = "REG-5: confidentiality breach", BreachId = breach.Id };
                            }
                        }
                    }

                    break;
                case WatchResponse.ChangeOneofCase.CharterVersion:
                    _currentCharter[change.CharterVersion.CouncilId] = change.CharterVersion.Version;
                    break;
                case WatchResponse.ChangeOneofCase.CharterSignature:
                    _signatures.Add((change.CharterSignature.CouncilId, change.CharterSignature.Version, change.CharterSignature.InstitutionId));
                    break;
                case WatchResponse.ChangeOneofCase.CharterAcceptance:
                    _acceptances.Add((change.CharterAcceptance.CouncilId, change.CharterAcceptance.Version, change.CharterAcceptance.ParticipantId));
                    break;
                default:
                    break;
            }
        }

        Feed.Advanced(change.Revision, caughtUp: change.ChangeCase == WatchResponse.ChangeOneofCase.None);
    }

    // REG-3: the institution signed and the participant accepted the council's current charter.
    private bool CharterOk(Designation d) =>
        _currentCharter.TryGetValue(d.CouncilId, out var version)
        && _signatures.Contains((d.CouncilId, version, d.InstitutionId))
        && _acceptances.Contains((d.CouncilId, version, d.ParticipantId));

    /// <summary>
    /// What the view knows of a subject: whether they are a participant, and all their designations (the same list
    /// for every lookup until the view changes; read-only).
    /// </summary>
    public (bool Known, IReadOnlyList<DesignationFact> Designations) Lookup(string subject)
    {
        lock (_gate)
        {
            if (!_participantBySubject.TryGetValue(subject, out var participantId))
            {
                return (false, []);
            }

            if (!_factsBySubject.TryGetValue(subject, out var facts))
            {
                facts = _designationsByParticipant.TryGetValue(participantId, out var byId)
                    ? [.. byId.Values.Select(d => DesignationFacts.From(d) with { CharterOk = CharterOk(d) })]
                    : [];
                _factsBySubject[subject] = facts;
            }

            return (true, facts);
        }
    }

    /// <summary>
    /// The subject's designations that had ended (expired or revoked) at the instant: history that
    /// never changes afterwards, so it can name why access ends (REG-5) even when the registry
    /// itself answers a check, which lists only the designations in force.
    /// </summary>
    public IReadOnlyList<DesignationFact> Ended(string subject, DateTimeOffset at)
    {
        var (_, designations) = Lookup(subject);
        return [.. designations.Where(d => d.EndedAt(at))];
    }
}
