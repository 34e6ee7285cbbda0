using Clspd.Access.V1;
using Clspd.Registry.V1;

namespace Clspd.Records.Domain;

/// <summary>REC-8: the body kind access walls on, from the registry group kind.</summary>
public static class Bodies
{
    public static BodyKind Of(GroupKind kind) => kind switch
    {
        GroupKind.Cddf => BodyKind.Cddf,
        GroupKind.Territorial or GroupKind.Thematic or GroupKind.Operational => BodyKind.ClspdGroup,
        _ => BodyKind.Unspecified,
    };
}
