using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Clspd.Web.Gateway;

/// <summary>
/// The service clients of the signed-in person, for one request: every call goes through the
/// gateway with their access token, read from the server-side session (never from the browser).
/// </summary>
public sealed class Services(GatewayChannel gateway, IHttpContextAccessor http, SeenRevisions seen)
{
    private CallInvoker? _invoker;

    private CallInvoker? _consentInvoker;

    public RegistryService.RegistryServiceClient Registry => new(Invoker);

    public CharterService.CharterServiceClient Charter => new(Invoker);

    /// <summary>Consent, through <c>Web:ConsentGateway</c> when the department's gateway routes it.</summary>
    public ConsentService.ConsentServiceClient Consent => new(ConsentInvoker);

    /// <summary>Consent's notices (CON-1), through the same gateway as <see cref="Consent"/>.</summary>
    public NoticeService.NoticeServiceClient Notices => new(ConsentInvoker);

    public RecordsService.RecordsServiceClient Records => new(Invoker);

    public FollowUpService.FollowUpServiceClient FollowUp => new(Invoker);

    public CaseItemService.CaseItemServiceClient CaseItems => new(Invoker);

    public LifecycleService.LifecycleServiceClient Lifecycle => new(Invoker);

    public BodyService.BodyServiceClient Bodies => new(Invoker);

    public MeetingService.MeetingServiceClient Meetings => new(Invoker);

    public SubjectRightsService.SubjectRightsServiceClient SubjectRights => new(Invoker);

    public StatisticsService.StatisticsServiceClient Statistics => new(Invoker);

    public AccessService.AccessServiceClient Access => new(Invoker);

    public AuditService.AuditServiceClient Audit => new(Invoker);

    /// <summary>
    /// The revisions this session's writes returned: record each write's revision here, and pass them
    /// to every call that takes <c>min_consent_revision</c> / <c>min_registry_revision</c> (CON-4, ACC-7).
    /// </summary>
    public SessionRevisions Revisions => seen.Of(http.HttpContext?.User);

    /// <summary>The signed-in person's token subject (<c>sub</c>).</summary>
    public string Subject => http.HttpContext?.User.FindFirst("sub")?.Value ?? string.Empty;

    private CallInvoker Invoker => _invoker ??= WithToken(gateway.Channel);

    private CallInvoker ConsentInvoker => _consentInvoker ??= WithToken(gateway.ConsentChannel);

    private CallInvoker WithToken(Grpc.Net.Client.GrpcChannel channel) => channel.CreateCallInvoker().Intercept(metadata =>
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("no request in progress");
        // The authentication middleware has read the session already: its saved tokens are at hand.
        var token = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.GetTokenValue("access_token");
        if (!string.IsNullOrEmpty(token))
        {
            metadata.Add("authorization", "Bearer " + token);
        }

        return metadata;
    });
}
