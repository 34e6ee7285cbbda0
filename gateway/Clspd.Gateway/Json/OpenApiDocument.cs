using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clspd.Hosting;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Clspd.Gateway.Json;

/// <summary>
/// The OpenAPI 3 document of the JSON paths, generated from the protos' descriptors (their <c>google.api.http</c>
/// annotations and messages) as gRPC JSON transcoding serves them: field names in lowerCamelCase, enums by name,
/// timestamps as RFC 3339 strings, errors as a <c>google.rpc.Status</c>; described with the protos' comments.
/// Only the services deployed behind this gateway are listed. Generated here because the gateway hosts no gRPC
/// service for a generator to describe.
/// </summary>
public static partial class OpenApiDocument
{
    /// <summary>Where the gateway serves the document.</summary>
    public const string Path = "/openapi/v1.json";

    private const string StatusSchema = "google.rpc.Status";

    /// <summary>The name of the descriptor set, with source info, that Clspd.Contracts embeds (protos/clspd.protoset).</summary>
    public const string ProtosetResource = "clspd.protoset";

    /// <summary>
    /// The proto files of the services, each under its package <c>clspd.{name}.v1</c>, with their comments: built from
    /// the descriptor set Clspd.Contracts embeds, as the generated code's descriptors carry no comments.
    /// </summary>
    public static IReadOnlyList<FileDescriptor> Files { get; } = Load();

    private static List<FileDescriptor> Load()
    {
        using var stream = typeof(DefaultPorts).Assembly.GetManifestResourceStream(ProtosetResource)
            ?? throw new InvalidOperationException($"Clspd.Contracts embeds no {ProtosetResource}: its build writes it (WriteClspdProtoset)");
        var set = FileDescriptorSet.Parser.ParseFrom(stream);
        // protoc writes every file after those it imports, as building them requires.
        var files = FileDescriptor.BuildFromByteStrings(set.File.Select(f => f.ToByteString()), new ExtensionRegistry { AnnotationsExtensions.Http });
        return [.. files.Where(f => f.Package.StartsWith("clspd.", StringComparison.Ordinal))];
    }

    /// <summary>The document for the services named (<c>consent</c>, <c>records</c>, ...).</summary>
    public static JsonObject Build(IEnumerable<string> services)
    {
        var deployed = services.Select(s => $"clspd.{s}.v1").ToHashSet(StringComparer.Ordinal);
        var paths = new JsonObject();
        var schemas = new JsonObject { [StatusSchema] = Status() };
        foreach (var method in Files.Where(f => deployed.Contains(f.Package)).SelectMany(f => f.Services).SelectMany(s => s.Methods))
        {
            if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule || Route(rule) is not (var verb, var template))
            {
                continue;
            }

            var path = paths[template] as JsonObject ?? new JsonObject();
            paths[template] = path;
            path[verb] = Operation(method, rule, template, schemas);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.4",
            ["info"] = new JsonObject
            {
                ["title"] = "Clspd services, JSON for partners",
                ["version"] = "v1",
                ["description"] = "The RPCs partner institutions call, as JSON (gRPC JSON transcoding). Every call needs a bearer token (GW-1) and goes through the gateway's limits (GW-2).",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
    }

    private static (string Verb, string Template)? Route(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
        _ => null,
    };

    private static JsonObject Operation(MethodDescriptor method, HttpRule rule, string template, JsonObject schemas)
    {
        var input = method.InputType;
        var bound = PathVariable().Matches(template).Select(m => m.Groups["field"].Value).ToHashSet(StringComparer.Ordinal);
        var parameters = new JsonArray();
        foreach (var name in bound)
        {
            var field = input.FindFieldByName(name);
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["description"] = Comment(field), ["schema"] = Schema(field, schemas) });
        }

        var operation = new JsonObject
        {
            ["operationId"] = $"{method.Service.Name}_{method.Name}",
            ["description"] = Comment(method),
            ["tags"] = new JsonArray(method.Service.FullName),
            ["parameters"] = parameters,
        };
        if (rule.Body == "*")
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(input, schemas) } },
            };
        }
        else
        {
            // Every other scalar field of the request is a query parameter.
            foreach (var field in input.Fields.InFieldNumberOrder().Where(f => !bound.Contains(f.Name) && f.Name != rule.Body && !f.IsRepeated && QueryScalar(f)))
            {
                parameters.Add(new JsonObject { ["name"] = field.JsonName, ["in"] = "query", ["description"] = Comment(field), ["schema"] = Schema(field, schemas) });
            }
        }

        operation["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(method.OutputType, schemas) } },
            },
            ["default"] = new JsonObject
            {
                ["description"] = "A refusal or an error: the HTTP status of its gRPC status; the message starts with the rule id, also in an ErrorInfo detail.",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{StatusSchema}" } } },
            },
        };
        return operation;
    }

    private static bool QueryScalar(FieldDescriptor field) =>
        field.FieldType != FieldType.Message || field.MessageType.FullName == "google.protobuf.Timestamp";

    private static JsonObject Schema(FieldDescriptor field, JsonObject schemas)
    {
        if (field.IsMap)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Schema(field.MessageType.FindFieldByNumber(2), schemas) };
        }

        var item = field.FieldType switch
        {
            FieldType.String => new JsonObject { ["type"] = "string" },
            FieldType.Bool => new JsonObject { ["type"] = "boolean" },
            FieldType.Bytes => new JsonObject { ["type"] = "string", ["format"] = "byte" },
            FieldType.Double => new JsonObject { ["type"] = "number", ["format"] = "double" },
            FieldType.Float => new JsonObject { ["type"] = "number", ["format"] = "float" },
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64 => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            FieldType.Enum => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. field.EnumType.Values.Select(v => JsonValue.Create(v.Name))]) },
            FieldType.Message => Reference(field.MessageType, schemas),
            _ => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        };
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = item } : item;
    }

    private static JsonObject Reference(MessageDescriptor message, JsonObject schemas)
    {
        switch (message.FullName)
        {
            case "google.protobuf.Timestamp":
                return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
            case "google.protobuf.Duration":
                return new JsonObject { ["type"] = "string", ["example"] = "1.5s" };
        }

        if (!schemas.ContainsKey(message.FullName))
        {
            var properties = new JsonObject();
            var schema = new JsonObject { ["type"] = "object", ["description"] = Comment(message), ["properties"] = properties };
            // Set before the fields, so that a message containing itself refers to itself.
            schemas[message.FullName] = schema;
            foreach (var field in message.Fields.InFieldNumberOrder())
            {
                var property = Schema(field, schemas);
                // A reference takes no sibling keywords in OpenAPI 3.0: the field's comment is on the message it names.
                if (!property.ContainsKey("$ref"))
                {
                    property["description"] = Comment(field);
                }

                properties[field.JsonName] = property;
            }
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{message.FullName}" };
    }

    // The comment above the declaration in the proto, as one paragraph per blank-line-separated block.
    private static string Comment(IDescriptor descriptor)
    {
        var declaration = descriptor switch
        {
            MethodDescriptor m => m.Declaration,
            FieldDescriptor f => f.Declaration,
            MessageDescriptor m => m.Declaration,
            _ => null,
        };
        var lines = (declaration?.LeadingComments ?? string.Empty).Split('\n').Select(l => l.Trim());
        return string.Join('\n', lines).Trim();
    }

    private static JsonObject Status() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["code"] = new JsonObject { ["type"] = "integer", ["format"] = "int32", ["description"] = "The gRPC status code." },
            ["message"] = new JsonObject { ["type"] = "string", ["description"] = "What was refused and why, starting with the rule id (GW-1, ACC-1, ...)." },
            ["details"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = true } },
        },
    };

    [GeneratedRegex(@"\{(?<field>[A-Za-z0-9_.]+)(=[^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex PathVariable();
}
