using IntentBot.Channels.DirectLine;
using IntentBot.Server.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IntentBot.Server.OpenApi;

/// <summary>
/// The OpenAPI document (/openapi/v1.json) as client generators and Redocly's recommended lint want it: who
/// may call each operation (API key, Direct Line secret or token, or anyone), what each tag groups, the
/// licence, a server URL without a trailing slash, and request schemas that match the body readers
/// (SchemaCorrections). Operation names, summaries and responses stay on the endpoints themselves.
/// tests/IntentBot.Server.Tests/OpenApi lints the served document and generates a client from it.
/// </summary>
public static class OpenApiDocumentation
{
    public const string ApiKeyScheme = "ApiKey";
    public const string DirectLineScheme = "DirectLine";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Classification"] = "Intent, out-of-scope verdict and sentiment of customer texts; the loaded model.",
        ["Behaviour"] = "Shop behaviour events and each customer's live context and purchase intent.",
        ["Users"] = "A customer's stored data (erasure on request).",
        ["Agent"] = "Conversations handed to a human, and handing them back to the bot.",
        ["Desk"] = "The agent desk: the queue of handed-off conversations, transcripts, claims, agent replies, handback and close, and the desk's sign-in.",
        ["Insights"] = "What customers ask and where the bot fails: hourly analytics (summary and series), the review queue of unsure, declined and rated-down messages with their explanations, the reviewers' corrections, and similar unanswered questions grouped.",
        ["Direct Line"] = "Direct Line 3.0, the protocol of the Web Chat widget and the Bot Framework Direct Line clients.",
        ["Health"] = "Liveness and readiness probes.",
    };

    public static IServiceCollection AddIntentBotOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.Security = [RequirementFor(context)];
                DeclarePathParameters(operation, context.Description.RelativePath);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                SchemaCorrections.Apply(schema, context);
                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "IntentBot API";
        document.Info.Description = "Classify customer messages, feed shop behaviour events, read a customer's live context, " +
            "manage handoffs, and talk to the bot over Direct Line. Errors are RFC 7807 problem details " +
            "(Direct Line routes answer in the Direct Line error shape).";
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };

        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiSecurity.ApiKeyHeader,
            Description = "One of Api:Keys. Needed only when keys are configured (none by default, for local use).",
        };
        document.Components.SecuritySchemes[DirectLineScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A Direct Line secret (DirectLine:Secrets) or a token issued for the conversation.",
        };

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var description))
                tag.Description = description;
    }

    /// <summary>A route parameter the handler reads itself (the erasure's raw, catch-all user id) is still a path
    /// parameter of the operation: generators need it declared.</summary>
    private static void DeclarePathParameters(OpenApiOperation operation, string? relativePath)
    {
        if (relativePath is null) return;
        foreach (var segment in relativePath.Split('/'))
        {
            if (!segment.StartsWith('{') || !segment.EndsWith('}')) continue;
            var name = segment.Trim('{', '}').TrimStart('*').Split(':', '=', '?')[0];
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.Name == name && p.In == ParameterLocation.Path)) continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Path, Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    private static OpenApiSecurityRequirement RequirementFor(OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        string? scheme = metadata.OfType<ApiKeyProtected>().Any() ? ApiKeyScheme
            : ("/" + context.Description.RelativePath).StartsWith(DirectLineEndpoints.BasePath + "/", StringComparison.Ordinal) ? DirectLineScheme
            : null;
        // An empty requirement says "no credentials" explicitly (health probes, the chat page's token).
        var requirement = new OpenApiSecurityRequirement();
        if (scheme is not null) requirement[new OpenApiSecuritySchemeReference(scheme, context.Document)] = [];
        return requirement;
    }
}
