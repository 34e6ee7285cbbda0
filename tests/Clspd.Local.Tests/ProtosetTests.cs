using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Clspd.Local.Tests;

/// <summary>
/// grpcurl is not in Debian's packages, so the line the banner prints cannot be run here; what it
/// relies on is checked instead: the protoset the build writes describes every service of the
/// contracts, and everything they import, Google's date type included.
/// </summary>
public sealed class ProtosetTests
{
    [Fact]
    public void Protoset_WrittenByTheBuild_HoldsEveryServiceAndEverythingTheyImport()
    {
        Assert.True(File.Exists(StackCatalog.Protoset), $"{StackCatalog.Protoset} was not written by the build of protos/Clspd.Contracts");
        var set = FileDescriptorSet.Parser.ParseFrom(File.ReadAllBytes(StackCatalog.Protoset));

        // Builds only if every import is in the set (--include_imports), in dependency order.
        var files = FileDescriptor.BuildFromByteStrings(set.File.Select(f => f.ToByteString()));

        var expected = ContractFiles().SelectMany(f => f.Services).Select(s => s.FullName).Order().ToList();
        Assert.Equal(expected, files.SelectMany(f => f.Services).Select(s => s.FullName).Order());
        Assert.Contains("clspd.consent.v1.ConsentService", expected);
        Assert.Contains(files, f => f.Name == "google/type/date.proto" && f.MessageTypes.Any(m => m.FullName == "google.type.Date"));
        var consent = files.Single(f => f.Name == "clspd/consent/v1/consent.proto");
        Assert.Contains("google/type/date.proto", consent.Dependencies.Select(d => d.Name));
    }

    [Fact]
    public void Protoset_IsInTheProtosFolderNextToTheContracts()
    {
        Assert.Equal(Path.Combine(StackCatalog.ProtosDirectory!, "clspd.protoset"), StackCatalog.Protoset);
        Assert.True(Directory.Exists(Path.Combine(StackCatalog.ProtosDirectory!, "clspd")));
    }

    // The file descriptors the C# contracts were generated from: one *Reflection class per .proto.
    private static IEnumerable<FileDescriptor> ContractFiles() =>
        typeof(Clspd.Consent.V1.ConsentService).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Clspd.", StringComparison.Ordinal) == true && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>();
}
