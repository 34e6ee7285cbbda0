using Grpc.Core;

namespace Clspd.Gateway.Tests.Infrastructure;

public static class Bearer
{
    public static CallOptions Options(string token) =>
        new(new Metadata { { "authorization", "Bearer " + token } }, deadline: DateTime.UtcNow.AddSeconds(20));

    public static CallOptions None => new(deadline: DateTime.UtcNow.AddSeconds(20));
}
