using System.Text.RegularExpressions;
using Clspd.ServiceDefaults;
using Grpc.Core;

namespace Clspd.Gateway.Routing;

/// <summary>
/// Answers any call no route matched: a service that is not deployed behind this gateway, or an
/// unknown path. A clean <c>Unimplemented</c> rather than a 404 page the gRPC client cannot read.
/// </summary>
public static partial class UnroutedCall
{
    public static Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var match = ClspdPackage().Match(path);
        var message = match.Success
            ? $"the {match.Groups["service"].Value} service is not deployed behind this gateway ({path})"
            : $"no service behind this gateway implements {path}";
        // A JSON path no route matched is a path that does not exist: 404 rather than the 501 of Unimplemented.
        return GrpcResponses.WriteStatusAsync(context.Response, StatusCode.Unimplemented, message, StatusCodes.Status404NotFound);
    }

    [GeneratedRegex(@"^/clspd\.(?<service>[A-Za-z0-9_]+)\.v1\.", RegexOptions.CultureInvariant)]
    private static partial Regex ClspdPackage();
}
