namespace Clspd.Web.Gateway;

/// <summary>
/// The highest consent and registry revisions that the console's own writes returned in one signed-in
/// session. Passed as <c>min_consent_revision</c> / <c>min_registry_revision</c>, they make every later
/// check reflect those writes (CON-4, ACC-7): a withdrawal made here refuses the named page at once.
/// </summary>
public sealed class SessionRevisions
{
    private long _consent;
    private long _registry;

    /// <summary>The highest consent revision returned to this session's writes (0: none).</summary>
    public long Consent => Interlocked.Read(ref _consent);

    /// <summary>The highest registry revision returned to this session's writes (0: none).</summary>
    public long Registry => Interlocked.Read(ref _registry);

    /// <summary>Keeps a consent write's revision (a lower one changes nothing).</summary>
    public void SawConsent(long revision) => Raise(ref _consent, revision);

    /// <summary>Keeps a registry write's revision (a lower one changes nothing).</summary>
    public void SawRegistry(long revision) => Raise(ref _registry, revision);

    private static void Raise(ref long field, long revision)
    {
        var seen = Interlocked.Read(ref field);
        while (revision > seen)
        {
            var was = Interlocked.CompareExchange(ref field, revision, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
