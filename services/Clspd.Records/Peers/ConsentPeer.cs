using Clspd.Consent.V1;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Records.Peers;

/// <summary>
/// What records tells and asks the consent service, when one is configured (Services:Consent): an
/// organisation may run records without it, and then there is nothing to tell.
/// </summary>
public sealed class ConsentPeer(IServiceProvider services, PeerCall call)
{
    private readonly SubjectService.SubjectServiceClient? _subjects = services.GetService<SubjectService.SubjectServiceClient>();
    private readonly ConsentService.ConsentServiceClient? _consent = services.GetService<ConsentService.ConsentServiceClient>();

    /// <summary>REC-11: the consent service's raw counts of the council's consent decisions in a period; null when no consent service is configured.</summary>
    public async Task<GetConsentStatisticsResponse?> ConsentStatisticsAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        _consent is null
            ? null
            : await call.AskAsync("consent", deadline => _consent.GetConsentStatisticsAsync(
                new GetConsentStatisticsRequest { CouncilId = councilId, From = from.ToTimestamp(), To = to.ToTimestamp() }, deadline: deadline, cancellationToken: ct));

    /// <summary>
    /// Tells the consent service what it may know of a person: the opaque reference, until when
    /// they are a minor, their legal representatives' opaque references, the groups their cases are in and their council (no names). Called before records
    /// commits, so consent never lags behind a person records has acknowledged.
    /// </summary>
    public async Task SyncSubjectAsync(string subjectRef, string councilId, DateOnly minorUntil, IEnumerable<string> legalRepresentativeRefs, IEnumerable<string> groupIds, CancellationToken ct)
    {
        if (_subjects is null)
        {
            return;
        }

        var request = new PutSubjectRequest
        {
            RequestId = "records-sync-" + Guid.NewGuid().ToString("N"), SubjectRef = subjectRef,
            MinorUntil = new Google.Type.Date { Year = minorUntil.Year, Month = minorUntil.Month, Day = minorUntil.Day },
            LegalRepresentativeRefs = { legalRepresentativeRefs },
            GroupIds = { groupIds.Distinct(StringComparer.Ordinal) },
            CouncilId = councilId,
        };
        await call.AskAsync("consent", deadline => _subjects.PutSubjectAsync(request, deadline: deadline, cancellationToken: ct));
    }

    /// <summary>
    /// REC-7: tells consent the person was destroyed, so that it erases them too (idempotent there).
    /// Without a consent service there is nothing to erase. No answer is Unavailable: the caller keeps
    /// the erasure queued and tries again.
    /// </summary>
    public async Task EraseSubjectAsync(string subjectRef, CancellationToken ct)
    {
        if (_subjects is null)
        {
            return;
        }

        await call.AskAsync("consent", deadline => _subjects.EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = subjectRef }, deadline: deadline, cancellationToken: ct));
    }
}
