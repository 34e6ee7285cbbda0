using System.Security.Cryptography;
using System.Text;
using Clspd.Records.Domain;

namespace Clspd.Records.Tests.Domain;

public sealed class IdentityCipherTests
{
    private static readonly byte[] Ad = Encoding.UTF8.GetBytes("S-1");

    [Fact]
    public void SealThenOpen_SameKey_RoundTrips_REC_1()
    {
        var key = IdentityCipher.NewDataKey();
        var sealedBlob = IdentityCipher.Seal(key, "Dupont Léa"u8, Ad);

        Assert.Equal("Dupont Léa", Encoding.UTF8.GetString(IdentityCipher.Open(key, sealedBlob, Ad)));
        Assert.DoesNotContain("Dupont"u8.ToArray(), ChunksOf(sealedBlob, 6));
    }

    [Fact]
    public void Open_OtherKey_Fails_REC_7()
    {
        var sealedBlob = IdentityCipher.Seal(IdentityCipher.NewDataKey(), "Dupont"u8, Ad);
        Assert.ThrowsAny<CryptographicException>(() => IdentityCipher.Open(IdentityCipher.NewDataKey(), sealedBlob, Ad));
    }

    [Fact]
    public void Open_BlobMovedToAnotherSubject_Fails_REC_1()
    {
        var key = IdentityCipher.NewDataKey();
        var sealedBlob = IdentityCipher.Seal(key, "Dupont"u8, Ad);
        Assert.ThrowsAny<CryptographicException>(() => IdentityCipher.Open(key, sealedBlob, "S-2"u8));
    }

    [Fact]
    public void Seal_SamePlaintextTwice_DifferentCiphertext()
    {
        var key = IdentityCipher.NewDataKey();
        Assert.NotEqual(IdentityCipher.Seal(key, "x"u8, Ad), IdentityCipher.Seal(key, "x"u8, Ad));
    }

    private static IEnumerable<byte[]> ChunksOf(byte[] data, int size)
    {
        for (var i = 0; i + size <= data.Length; i++)
        {
            yield return data[i..(i + size)];
        }
    }
}
