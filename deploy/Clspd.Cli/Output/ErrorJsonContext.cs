using System.Text.Json.Serialization;

namespace Clspd.Cli.Output;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorJson))]
internal sealed partial class ErrorJsonContext : JsonSerializerContext;
