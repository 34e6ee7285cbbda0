namespace Clspd.ServiceDefaults;

/// <summary>The address of one peer service (<c>Services:{name}</c>), named by the peer.</summary>
public sealed class PeerAddressOptions
{
    public string? Address { get; set; }

    /// <summary>The setting the address comes from, named in start-up sentences (<c>Services:{name}</c> when not set).</summary>
    public string? Setting { get; set; }
}
