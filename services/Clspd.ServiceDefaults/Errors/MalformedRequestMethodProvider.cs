using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Clspd.ServiceDefaults.Errors;

/// <summary>
/// GW-2: binds the methods of every gRPC service as grpc-dotnet's own binder does (the generated
/// <c>BindService</c>, the service's overrides, their attributes as endpoint metadata), with one
/// difference: bytes that are not a valid request message are answered <c>InvalidArgument</c>
/// "the request is not a valid clspd.x.v1.Y message", with one warning line and no stack trace.
/// grpc-dotnet parses the request before any interceptor runs, so <see cref="ExceptionInterceptor"/>
/// never sees such a failure, which would otherwise be <c>Unknown</c> "Exception was thrown by
/// handler." with the parser's stack trace in the log. Every method type goes through here.
/// </summary>
public sealed class MalformedRequestMethodProvider<TService>(ILoggerFactory loggers) : IServiceMethodProvider<TService>
    where TService : class
{
    private readonly ILogger _logger = loggers.CreateLogger(typeof(MalformedRequests));

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bind = BindMethod(typeof(TService));
        if (bind is null)
        {
            return;
        }

        // BindService(ServiceBinderBase, TServiceBase): a null implementation asks only for the methods.
        bind.Invoke(null, [new Binder(context, bind.GetParameters()[1].ParameterType, _logger), null]);
    }

    // The static BindService named by [BindServiceMethod] on the service or one of its bases (generated code).
    private static MethodInfo? BindMethod(Type service)
    {
        for (var type = service; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type]);
            }
        }

        return null;
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type declaringType, ILogger logger) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, [typeof(TRequest), typeof(ServerCallContext)]);
            context.AddUnaryMethod(Parsing(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
            context.AddServerStreamingMethod(Parsing(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)]);
            context.AddClientStreamingMethod(Parsing(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
            context.AddDuplexStreamingMethod(Parsing(method), metadata, invoker);
        }

        // The same method with a request deserializer that turns a parse failure into InvalidArgument.
        private Method<TRequest, TResponse> Parsing<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            var deserialize = method.RequestMarshaller.ContextualDeserializer;
            var name = MessageName<TRequest>();
            var sentence = $"the request is not a valid {name} message";
            var marshaller = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, payload =>
            {
                try
                {
                    return deserialize(payload);
                }
                catch (Exception ex) when (ex is InvalidProtocolBufferException or ArgumentException or InvalidOperationException or FormatException)
                {
                    MalformedRequests.Log(logger, method.FullName, name, ex.Message);
                    throw new RpcException(new Status(StatusCode.InvalidArgument, sentence));
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }

        private static string MessageName<TRequest>() =>
            typeof(IMessage).IsAssignableFrom(typeof(TRequest)) && typeof(TRequest).GetConstructor(Type.EmptyTypes) is not null
                && Activator.CreateInstance<TRequest>() is IMessage message
                ? message.Descriptor.FullName
                : typeof(TRequest).Name;

        // As grpc-dotnet: the service's override of the generated virtual method, and the service's
        // then the method's attributes (authorization among them) as endpoint metadata.
        private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, Type[] parameters)
            where TDelegate : Delegate
        {
            var handler = Override(name, parameters) ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }

        private MethodInfo? Override(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var candidate = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
                if (candidate is null)
                {
                    return null;
                }

                // A method of the same name that hides the generated one is not it: look further down.
                if (candidate.IsVirtual && candidate.GetBaseDefinition().DeclaringType == declaringType)
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
