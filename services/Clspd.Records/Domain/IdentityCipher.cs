using System.Security.Cryptography;

namespace Clspd.Records.Domain;

/// <summary>
/// REC-1 / REC-7: identity is sealed with AES-256-GCM under a per-person data key; the data key is
/// itself sealed under the master key. Deleting the sealed data key makes the identity (and every
/// backup of it) unreadable: crypto-shredding. Layout of a sealed blob: version(1) | nonce(12) | tag(16) | ciphertext.
/// </summary>
public static class IdentityCipher
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] NewDataKey() => RandomNumberGenerator.GetBytes(32);

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[1 + NonceSize + TagSize + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), associatedData);
        return output;
    }

    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedBlob, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBlob.Length < 1 + NonceSize + TagSize || sealedBlob[0] != Version)
        {
            throw new CryptographicException("not a sealed identity blob");
        }

        var plaintext = new byte[sealedBlob.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBlob.Slice(1, NonceSize), sealedBlob[(1 + NonceSize + TagSize)..], sealedBlob.Slice(1 + NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }
}
