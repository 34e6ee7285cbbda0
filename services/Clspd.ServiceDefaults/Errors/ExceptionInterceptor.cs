using Clspd.ServiceDefaults.Data;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Clspd.ServiceDefaults.Errors;

/// <summary>
/// Maps the typed exceptions of domain and store code to gRPC statuses with <c>google.rpc</c>
/// details; refuses calls with <c>Unavailable</c> while the database is not ready. Anything
/// unexpected becomes <c>Internal</c> with no detail leaked, and is logged.
/// </summary>
public sealed partial class ExceptionInterceptor(DatabaseState database, ILogger<ExceptionInterceptor> logger) : Interceptor
{
    public const string ErrorDomain = "clspd";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        EnsureReady(context);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        EnsureReady(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private void EnsureReady(ServerCallContext context)
    {
        // Health and reflection answer while migrating (health says NOT_SERVING meanwhile).
        if (!database.IsReady && !context.Method.StartsWith("/grpc.", StringComparison.Ordinal))
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable,
                "the service is starting: database migrations have not completed yet"));
        }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case InvalidRequestException invalid:
            {
                var badRequest = new BadRequest();
                foreach (var e in invalid.Errors)
                {
                    badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = e.Field, Description = e.Description });
                }

                return Build(Code.InvalidArgument, invalid.Message, Any.Pack(badRequest));
            }

            case NotFoundException notFound:
                return Build(Code.NotFound, notFound.Message,
                    Any.Pack(new ResourceInfo { ResourceType = notFound.ResourceType, ResourceName = notFound.ResourceId }));

            case AlreadyExistsException exists:
                return Build(Code.AlreadyExists, exists.Message);

            case RuleViolationException rule:
            {
                var failure = new PreconditionFailure();
                foreach (var v in rule.Violations)
                {
                    failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = rule.RuleId, Subject = v.Field, Description = v.Description });
                }

                return Build(Code.FailedPrecondition, rule.Message, Any.Pack(RuleInfo(rule.RuleId)), Any.Pack(failure));
            }

            case PermissionDeniedException denied:
            {
                var failure = new PreconditionFailure();
                foreach (var id in denied.RuleIds)
                {
                    failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = id, Description = denied.Description });
                }

                return Build(Code.PermissionDenied, denied.Message, Any.Pack(RuleInfo(denied.RuleIds.Count > 0 ? denied.RuleIds[0] : "")), Any.Pack(failure));
            }

            case UnavailableException unavailable:
                LogUnavailable(logger, unavailable.Cause ?? unavailable, context.Method);
                return Build(Code.Unavailable, unavailable.Message);

            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return Build(Code.Cancelled, "the call was cancelled");

            case System.Data.Common.DbException db when DbErrors.IsTransient(db):
                LogUnavailable(logger, db, context.Method);
                return Build(Code.Unavailable, "the database is unavailable; retry later with the same request_id");

            default:
                LogUnexpected(logger, ex, context.Method);
                return Build(Code.Internal, "internal error");
        }
    }

    private static ErrorInfo RuleInfo(string ruleId) => new() { Reason = ruleId.Replace('-', '_'), Domain = ErrorDomain, Metadata = { ["rule_id"] = ruleId } };

    private static RpcException Build(Code code, string message, params Any[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(details);
        return status.ToRpcException();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency unavailable during {Method}")]
    private static partial void LogUnavailable(ILogger logger, Exception ex, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error during {Method}")]
    private static partial void LogUnexpected(ILogger logger, Exception ex, string method);
}
