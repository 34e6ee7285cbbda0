using System.Text.RegularExpressions;
using Clspd.ServiceDefaults.Errors;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Clspd.ServiceDefaults;

/// <summary>
/// A refusal written before any service runs (GW-1, GW-2, an unrouted path) for a JSON call: the HTTP status
/// gRPC JSON transcoding gives the same gRPC status, and the same body shape, a <c>google.rpc.Status</c> in JSON
/// (<c>code</c>, <c>message</c>, <c>details</c>) whose <c>ErrorInfo</c> names the rule the message starts with.
/// </summary>
public static partial class JsonStatusResponses
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(Google.Rpc.ErrorInfo.Descriptor)));

    public static Task WriteAsync(HttpResponse response, Grpc.Core.StatusCode code, string message, int? httpStatus = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(message);
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (RuleId(message) is { } rule)
        {
            status.Details.Add(Any.Pack(new Google.Rpc.ErrorInfo { Reason = rule.Replace('-', '_'), Domain = ExceptionInterceptor.ErrorDomain, Metadata = { ["rule_id"] = rule } }));
        }

        response.StatusCode = httpStatus ?? HttpStatusOf(code);
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(Formatter.Format(status) + "\n");
    }

    /// <summary>The rule id a refusal's sentence starts with ("GW-2: ..."), if any.</summary>
    public static string? RuleId(string message)
    {
        var match = LeadingRule().Match(message ?? string.Empty);
        return match.Success ? match.Groups["rule"].Value : null;
    }

    /// <summary>The HTTP status of a gRPC status, as google.api's mapping (and ASP.NET Core's transcoding) gives it.</summary>
    public static int HttpStatusOf(Grpc.Core.StatusCode code) => code switch
    {
        Grpc.Core.StatusCode.OK => StatusCodes.Status200OK,
        Grpc.Core.StatusCode.Cancelled => 499,
        Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.FailedPrecondition or Grpc.Core.StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        Grpc.Core.StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        Grpc.Core.StatusCode.NotFound => StatusCodes.Status404NotFound,
        Grpc.Core.StatusCode.AlreadyExists or Grpc.Core.StatusCode.Aborted => StatusCodes.Status409Conflict,
        Grpc.Core.StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        Grpc.Core.StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        Grpc.Core.StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        Grpc.Core.StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        Grpc.Core.StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    [GeneratedRegex(@"^(?<rule>[A-Z]{2,4}-[0-9]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingRule();
}
