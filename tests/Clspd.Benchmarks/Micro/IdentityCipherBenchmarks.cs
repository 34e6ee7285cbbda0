extern alias records;
using System.Text;
using BenchmarkDotNet.Attributes;
using records::Clspd.Records.Domain;

namespace Clspd.Benchmarks.Micro;

/// <summary>Sealing and opening a person's identity (AES-256-GCM under a per-person key).</summary>
[MemoryDiagnoser]
public class IdentityCipherBenchmarks
{
    private readonly byte[] _key = IdentityCipher.NewDataKey();
    private readonly byte[] _identity = Encoding.UTF8.GetBytes("Moreau|Inès Clara|F|2009-03-14|12 rue des Lilas 94000 Villeneuve|0601020304|ines@example.org");
    private readonly byte[] _ad = Encoding.UTF8.GetBytes("S-0193f2a1c4d2");
    private byte[] _sealed = [];

    [GlobalSetup]
    public void Setup() => _sealed = IdentityCipher.Seal(_key, _identity, _ad);

    [Benchmark]
    public byte[] Seal() => IdentityCipher.Seal(_key, _identity, _ad);

    [Benchmark]
    public byte[] Open() => IdentityCipher.Open(_key, _sealed, _ad);
}
