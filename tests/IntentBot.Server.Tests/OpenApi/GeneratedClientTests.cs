using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace IntentBot.Server.Tests.OpenApi;

/// <summary>
/// What a shop's developer does with the OpenAPI document: generate a C# client with NSwag (System.Text.Json),
/// compile it, and classify through it against the real server and model. A document whose operations,
/// schemas or content types a generator cannot follow, or whose request schemas make the client send what
/// the server refuses, fails here before it fails a shop. The generated code is used through `dynamic`
/// because it exists only at run time.
/// </summary>
public sealed class GeneratedClientTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private static readonly SemaphoreSlim Generating = new(1, 1);
    private static Assembly? _generated;

    [Fact]
    public async Task A_generated_client_classifies_one_text_and_a_batch()
    {
        var (client, assembly) = await CreateClientAsync();

        dynamic one = New(assembly, "ClassifyRequest");
        one.Text = "where is my order? it has not arrived yet";
        var single = await client.ClassifyAsync(one);
        var result = Assert.Single((IEnumerable<dynamic>)single.Results);
        Assert.Equal("track_order", (string)result.Intent.Label);
        Assert.Equal("intentbot-default", (string)single.Model.Name);

        dynamic batch = New(assembly, "ClassifyRequest");
        batch.Texts = new List<string> { "hello", "I want to cancel my order" };
        batch.TopK = 5;
        var answered = ((IEnumerable<dynamic>)(await client.ClassifyAsync(batch)).Results).ToList();
        Assert.Equal(["greeting", "cancel_order"], answered.Select(r => (string)r.Intent.Label));
        Assert.All(answered, r => Assert.Equal(5, ((IEnumerable<dynamic>)r.Intents).Count()));
    }

    [Fact]
    public async Task A_generated_client_gets_the_problem_details_of_a_bad_request()
    {
        var (client, assembly) = await CreateClientAsync();
        dynamic empty = New(assembly, "ClassifyRequest");
        empty.Text = "   ";

        var exception = await Assert.ThrowsAnyAsync<Exception>(async () => await client.ClassifyAsync(empty));

        dynamic problem = exception;
        Assert.Equal("ApiException`1", exception.GetType().Name);
        Assert.Equal(400, (int)problem.StatusCode);
        Assert.Contains("text", ((IDictionary<string, ICollection<string>>)problem.Result.Errors).Keys);
    }

    private async Task<(dynamic Client, Assembly Assembly)> CreateClientAsync()
    {
        var http = server.Factory.CreateClient();
        await Generating.WaitAsync();
        try
        {
            _generated ??= Compile(Generate(await OpenApiDocument.FromJsonAsync(await http.GetStringAsync("/openapi/v1.json"))));
        }
        finally
        {
            Generating.Release();
        }
        return (Activator.CreateInstance(_generated.GetType("Shop.Generated.IntentBotClient", throwOnError: true)!, http)!, _generated);
    }

    private static dynamic New(Assembly assembly, string type) =>
        Activator.CreateInstance(assembly.GetType("Shop.Generated." + type, throwOnError: true)!)!;

    private static string Generate(OpenApiDocument document)
    {
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "IntentBotClient",
            UseBaseUrl = false, // the HttpClient's BaseAddress, as with a typed HttpClient
            CSharpGeneratorSettings = { Namespace = "Shop.Generated", JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    /// <summary>Compiles C# source against the running framework's assemblies; fails with the compiler's errors.</summary>
    private static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Shop.Generated", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
        Assert.True(emitted.Success, "the generated client does not compile:\n" + string.Join("\n", errors));
        image.Position = 0;
        return new AssemblyLoadContext("generated-client").LoadFromStream(image);
    }
}
