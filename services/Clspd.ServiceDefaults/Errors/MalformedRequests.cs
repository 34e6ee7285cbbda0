using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clspd.ServiceDefaults.Errors;

/// <summary>GW-2: malformed requests are answered <c>InvalidArgument</c> (see <see cref="MalformedRequestMethodProvider{TService}"/>).</summary>
public static partial class MalformedRequests
{
    /// <summary>
    /// Replaces grpc-dotnet's default method binder with <see cref="MalformedRequestMethodProvider{TService}"/>.
    /// To be called after <c>AddGrpc</c>; fails at start-up if grpc-dotnet no longer registers the
    /// binder it replaces, rather than binding every method twice.
    /// </summary>
    public static IServiceCollection AddMalformedRequestAnswers(this IServiceCollection services)
    {
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>) && IsDefaultBinder(d.ImplementationType))
            ?? throw new InvalidOperationException("grpc-dotnet's default service method binder (BinderServiceMethodProvider) is not registered: call AddGrpc first, or review MalformedRequestMethodProvider against this grpc-dotnet version");
        services.Remove(binder);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(MalformedRequestMethodProvider<>));
        return services;
    }

    private static bool IsDefaultBinder(Type? implementation) =>
        implementation is { IsGenericTypeDefinition: true, Name: "BinderServiceMethodProvider`1" }
        && implementation.Assembly == typeof(IServiceMethodProvider<>).Assembly;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed request to {Method}: not a valid {MessageType} message ({Problem}); answered InvalidArgument")]
    internal static partial void Log(ILogger logger, string method, string messageType, string problem);
}
