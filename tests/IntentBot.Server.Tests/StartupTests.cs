using IntentBot.Nlu.Manifest;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Tests;

/// <summary>Bad configuration stops start-up with a message that says what is wrong.</summary>
public sealed class StartupTests
{
    [Fact]
    public void Missing_model_folder_stops_start_up()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?> { ["Nlu:ModelPath"] = "models/does-not-exist" });
        var ex = Assert.Throws<ModelLoadException>(() => factory.CreateClient());
        Assert.Contains("does-not-exist", ex.Message);
    }

    [Fact]
    public void Cuda_without_a_gpu_build_stops_start_up()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?> { ["Nlu:ExecutionProvider"] = "Cuda" });
        var ex = Assert.Throws<ModelLoadException>(() => factory.CreateClient());
        Assert.Contains("CUDA", ex.Message);
    }

    [Theory]
    [InlineData("Nlu:MaxBatchSize", "0", "MaxBatchSize")]
    [InlineData("Api:MaxTexts", "-1", "MaxTexts")]
    [InlineData("Api:RateLimit:Burst", "0", "Burst")]
    public void Invalid_options_stop_start_up(string key, string value, string mention)
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?> { [key] = value });
        var ex = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(mention, ex.Message);
    }
}
