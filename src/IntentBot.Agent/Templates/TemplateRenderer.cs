using System.Collections.Concurrent;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Templates;

/// <summary>
/// Renders dialog texts with Semantic Kernel's own prompt template engine: <c>{{$variable}}</c> and
/// <c>{{plugin.function $arg}}</c> call the shop's plugins through the Kernel, with no LLM involved.
/// </summary>
/// <remarks>
/// Template source only ever comes from the dialog files; what the customer typed reaches a template as a
/// <see cref="KernelArguments"/> value, and SK never parses a value as template code, so a message holding
/// "{{orders.cancel_order W100001}}" is printed, not executed.
/// HTML encoding: SK HTML-encodes variables and function results by default, because its templates usually
/// become prompts whose XML-ish chat tags must not be forged. Our output is a chat message, not a prompt, so
/// encoding would only corrupt it ("Tom &amp; Jerry", "O&#39;Brien"); it is turned off here
/// (AllowDangerouslySetContent), and the channels treat the text as plain text / markdown. Whatever renders these
/// texts as HTML (a web widget) must escape them itself, as it must for any chat message. If a rendered text is
/// ever sent to an LLM as a prompt, render it with encoding on instead.
/// </remarks>
public sealed class TemplateRenderer(Kernel kernel)
{
    // Both switches are needed: the factory's covers variables, the config's covers function results.
    private static readonly KernelPromptTemplateFactory Factory = new() { AllowDangerouslySetContent = true };
    private readonly ConcurrentDictionary<string, IPromptTemplate> _compiled = new(StringComparer.Ordinal);

    public Kernel Kernel { get; } = kernel;

    /// <summary>Parses a template, throwing SK's exception for bad syntax (used by start-up validation).</summary>
    public IPromptTemplate Compile(string source) => _compiled.GetOrAdd(source, static s =>
        Factory.Create(new PromptTemplateConfig(s)
        {
            TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat,
            AllowDangerouslySetContent = true,
        }));

    public async Task<string> RenderAsync(string source, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(source)) return "";
        var arguments = new KernelArguments();
        foreach (var (name, value) in variables) arguments[name] = value;
        var rendered = await Compile(source).RenderAsync(Kernel, arguments, cancellationToken);
        return rendered.Trim();
    }
}
