using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>
/// A small real gRPC server on loopback h2c standing for the gateway: it answers with what the test
/// set (a message or an RpcException) per answer type, and keeps the authorization header it saw.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Type, Func<object>> _answers = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Authorization headers received, in order.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>The write requests received, in order.</summary>
    public ConcurrentQueue<Google.Protobuf.IMessage> Requests { get; } = new();

    public void Answer<T>(Func<T> answer) where T : class => _answers[typeof(T)] = answer;

    public void Answer<T>(T message) where T : class => _answers[typeof(T)] = () => message;

    public void Refuse<T>(RpcException refusal) where T : class => _answers[typeof(T)] = () => throw refusal;

    internal Task<T> Answer<T>() where T : class, new() =>
        Task.FromResult(_answers.TryGetValue(typeof(T), out var answer) ? (T)answer() : new T());

    internal void Saw(ServerCallContext context) => Authorizations.Enqueue(context.RequestHeaders.GetValue("authorization") ?? string.Empty);

    public static async Task<FakeGateway> StartAsync()
    {
        var gateway = new FakeGateway();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddSingleton(gateway);
        var app = builder.Build();
        app.MapGrpcHealthChecksService();
        app.MapGrpcService<FakeRegistry>();
        app.MapGrpcService<FakeCharter>();
        app.MapGrpcService<FakeRecords>();
        app.MapGrpcService<FakeFollowUp>();
        app.MapGrpcService<FakeAudit>();
        app.MapGrpcService<FakeCaseMoves.Meetings>();
        app.MapGrpcService<FakeCaseMoves.Bodies>();
        app.MapGrpcService<FakeCaseMoves.Lifecycle>();
        app.MapGrpcService<FakeConsent.Notices>();
        app.MapGrpcService<FakeConsent.Consents>();
        app.MapGrpcService<FakeSubjectRights>();
        await app.StartAsync();
        gateway._app = app;
        gateway.Address = new Uri(app.Urls.First());
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
