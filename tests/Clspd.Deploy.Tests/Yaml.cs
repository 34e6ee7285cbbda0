using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Clspd.Deploy.Tests;

/// <summary>YAML documents as the tools read them (merge keys applied, as Docker Compose does).</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(text))));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlMappingNode Load(string text) => LoadAll(text).Single();

    public static YamlNode? Child(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlMappingNode Mapping(this YamlNode node, string key) =>
        node.Child(key) as YamlMappingNode ?? throw new InvalidOperationException($"{key} is not a mapping at {node.Start}");

    public static IEnumerable<YamlNode> Sequence(this YamlNode node, string key) =>
        node.Child(key) is YamlSequenceNode sequence ? sequence.Children : [];

    public static string? Scalar(this YamlNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    public static string? Path(this YamlNode node, params string[] keys)
    {
        YamlNode? current = node;
        foreach (var key in keys)
        {
            current = current?.Child(key);
        }

        return (current as YamlScalarNode)?.Value;
    }

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Select(c => (((YamlScalarNode)c.Key).Value!, c.Value))
            : [];
}
