using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Clspd.Cli;

/// <summary>The service clients of one identity, all through the gateway with its bearer token.</summary>
public sealed class Connection
{
    private readonly CallInvoker _invoker;

    public Connection(GrpcChannel channel, string token)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var header = "Bearer " + token;
        _invoker = channel.CreateCallInvoker().Intercept(metadata =>
        {
            metadata.Add("authorization", header);
            return metadata;
        });
    }

    public RegistryService.RegistryServiceClient Registry => new(_invoker);

    public CharterService.CharterServiceClient Charter => new(_invoker);

    public ConsentService.ConsentServiceClient Consent => new(_invoker);

    public SubjectService.SubjectServiceClient Subjects => new(_invoker);

    public NoticeService.NoticeServiceClient Notices => new(_invoker);

    public RecordsService.RecordsServiceClient Records => new(_invoker);

    public FollowUpService.FollowUpServiceClient FollowUp => new(_invoker);

    public CaseItemService.CaseItemServiceClient CaseItems => new(_invoker);

    public LifecycleService.LifecycleServiceClient Lifecycle => new(_invoker);

    public BodyService.BodyServiceClient Bodies => new(_invoker);

    public MeetingService.MeetingServiceClient Meetings => new(_invoker);

    public SubjectRightsService.SubjectRightsServiceClient SubjectRights => new(_invoker);

    public StatisticsService.StatisticsServiceClient Statistics => new(_invoker);

    public KeyService.KeyServiceClient Keys => new(_invoker);

    public AccessService.AccessServiceClient Access => new(_invoker);

    public AuditService.AuditServiceClient Audit => new(_invoker);
}
