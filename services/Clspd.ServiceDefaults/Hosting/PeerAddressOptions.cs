namespace Clspd.ServiceDefaults;

/// <summary>The address of one peer service (<c>Services:{name}</c>), named by the peer.</summary>
public sealed class PeerAddressOptions
{
    public string? Address { get; set; }
}
