using IntentBot.Server.Classification;
using IntentBot.Server.Context;
using IntentBot.Server.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace IntentBot.Server.OpenApi;

/// <summary>
/// Makes the generated schemas say what the hand-written body readers accept, so that a generated client
/// sends what the server takes. The schema generator infers them from the records, which only document the
/// bodies: it lists every constructor parameter as required and, following the web JSON defaults, lets a
/// number be a numeric string, which the readers refuse.
/// </summary>
internal static class SchemaCorrections
{
    public static void Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        NumbersAreNumbers(schema);
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ClassifyRequest))
            DescribeClassifyRequest(schema, context.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value);
        else if (type == typeof(EventDto))
            NullableMeansOptional(schema);
    }

    private static void NumbersAreNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        foreach (var property in schema.Properties?.Values ?? [])
            if (property is OpenApiSchema inline) NumbersAreNumbers(inline);
    }

    /// <summary>
    /// Exactly one of text or texts, so neither is required. Each is documented as not nullable because a
    /// client has no reason to send null, though the reader takes an explicit null as the field left out.
    /// </summary>
    private static void DescribeClassifyRequest(OpenApiSchema schema, ApiOptions options)
    {
        schema.Required = new HashSet<string>(StringComparer.Ordinal);
        schema.Description = "Exactly one of text (one message) or texts (a batch); topK is optional. A null field counts as left out.";
        if (Property(schema, "text") is { } text)
        {
            text.Type = JsonSchemaType.String;
            text.MinLength = 1;
            text.MaxLength = options.MaxTextCharacters; // JSON Schema counts code points, as the reader does
        }
        if (Property(schema, "texts") is { } texts)
        {
            texts.Type = JsonSchemaType.Array;
            texts.MinItems = 1;
            texts.MaxItems = options.MaxTexts;
        }
        if (Property(schema, "topK") is { } topK)
        {
            topK.Minimum = "1";
            topK.Description = "How many intents to list, best first (1 to the number of intent labels; Nlu:DefaultTopK, 3 by default, when left out).";
        }
    }

    /// <summary>The events reader takes an absent or null optional field alike; only the others are required.</summary>
    private static void NullableMeansOptional(OpenApiSchema schema)
    {
        if (schema.Required is null || schema.Properties is null) return;
        foreach (var (name, property) in schema.Properties)
            if (property is OpenApiSchema { Type: { } type } && (type & JsonSchemaType.Null) != 0)
                schema.Required.Remove(name);
    }

    private static OpenApiSchema? Property(OpenApiSchema schema, string name) =>
        schema.Properties?.TryGetValue(name, out var property) == true ? property as OpenApiSchema : null;
}
