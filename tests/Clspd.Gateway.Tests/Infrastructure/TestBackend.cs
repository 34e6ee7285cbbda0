using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Clspd.ServiceDefaults.Errors;
using Microsoft.Extensions.Logging;
using Clspd.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using ClspdTls = Clspd.ServiceDefaults.TlsOptions;

namespace Clspd.Gateway.Tests.Infrastructure;

/// <summary>
/// A small real gRPC server on loopback h2c: <see cref="ProbeService"/> in every clspd package and
/// <c>grpc.health.v1</c> answering <see cref="Serving"/>. Counts the calls that reach it, and accepts
/// any message size so that only the gateway's limit can refuse a large request (unless a message
/// limit is given, as the services have). Its methods are bound as the services bind theirs
/// (malformed requests answered InvalidArgument).
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private WebApplication? _app;
    private readonly ConcurrentDictionary<string, int> _callsByAuthorization = new(StringComparer.Ordinal);
    private int _calls;
    private int _healthChecks;

    private TestBackend()
    {
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>What its health check answers (SERVING when true, NOT_SERVING otherwise).</summary>
    public bool Serving { get; set; } = true;

    /// <summary>The subject of the client certificate of the last call that reached it (TLS backends), or null.</summary>
    public string? LastClientCertificate { get; private set; }

    /// <summary>The authorization header of the last call that reached a method.</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>Health checks received (the gateway's probes).</summary>
    public int HealthChecks => Volatile.Read(ref _healthChecks);

    /// <summary>Calls received, health checks excluded.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>
    /// Calls received with this bearer token, health checks excluded: a count that a call left over
    /// from another test (with another token) cannot change.
    /// </summary>
    public int CallsWithToken(string token) => _callsByAuthorization.GetValueOrDefault("Bearer " + token);

    /// <summary>Calls received without an authorization header, health checks excluded.</summary>
    public int CallsWithoutToken => _callsByAuthorization.GetValueOrDefault(string.Empty);

    internal string Saw(Grpc.Core.ServerCallContext context)
    {
        LastAuthorization = context.RequestHeaders.GetValue("authorization") ?? string.Empty;
        return LastAuthorization;
    }

    /// <param name="maxReceiveMessageSize">The largest message its methods accept (none by default).</param>
    /// <param name="tls">
    /// When given, it listens with TLS on this certificate instead of h2c, and asks for a client certificate
    /// chaining to <see cref="ClspdTls.CaFile"/> (required when <paramref name="requireClientCertificate"/>).
    /// </param>
    /// <param name="requireClientCertificate">Whether a TLS connection without such a client certificate is refused.</param>
    public static async Task<TestBackend> StartAsync(int? maxReceiveMessageSize = null, ClspdTls? tls = null, bool requireClientCertificate = true)
    {
        var backend = new TestBackend();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, 0, o =>
            {
                o.Protocols = HttpProtocols.Http2;
                if (tls is not null)
                {
                    var authorities = TlsFiles.Authorities(tls);
                    o.UseHttps(https =>
                    {
                        https.ServerCertificate = TlsFiles.Certificate(tls);
                        https.ClientCertificateMode = requireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;
                        https.ClientCertificateValidation = (certificate, _, _) => TlsFiles.ChainsTo(certificate, authorities);
                    });
                }
            });
        });
        builder.Services.AddSingleton(backend);
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = maxReceiveMessageSize);
        builder.Services.AddMalformedRequestAnswers();
        builder.Services.AddGrpcHealthChecks()
            .AddCheck("switch", () => backend.Serving ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref backend._healthChecks);
            }
            else
            {
                Interlocked.Increment(ref backend._calls);
                backend.LastClientCertificate = context.Connection.ClientCertificate?.Subject;
                backend._callsByAuthorization.AddOrUpdate(context.Request.Headers.Authorization.ToString(), 1, static (_, n) => n + 1);
            }

            await next(context);
        });
        app.MapGrpcService<ProbeService>();
        app.MapGrpcHealthChecksService();
        await app.StartAsync();
        backend._app = app;
        backend.Address = new Uri(app.Urls.Single());
        return backend;
    }

    /// <summary>Stops the server: its port refuses connections afterwards.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
