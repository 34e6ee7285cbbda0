using Grpc.Core;

namespace Clspd.Cli;

/// <summary>
/// One exit code per kind of failure, so that scripts can tell "fix your input" from "you may not"
/// from "a rule refuses" from "retry later". Documented in docs/cli.md.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Other = 1;
    public const int Usage = 2;
    public const int InvalidArgument = 3;
    public const int NotFound = 4;
    public const int Denied = 5;
    public const int Rule = 6;
    public const int Unavailable = 7;

    /// <summary><c>stats status</c>: the council's charter-application report is overdue (REC-11), for a scheduled job to alert on.</summary>
    public const int Overdue = 8;

    public static int For(StatusCode code) => code switch
    {
        StatusCode.OK => Ok,
        StatusCode.InvalidArgument or StatusCode.OutOfRange => InvalidArgument,
        StatusCode.NotFound => NotFound,
        StatusCode.PermissionDenied or StatusCode.Unauthenticated => Denied,
        StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.Aborted => Rule,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted => Unavailable,
        _ => Other,
    };
}
