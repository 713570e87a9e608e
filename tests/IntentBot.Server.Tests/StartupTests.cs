using IntentBot.Nlu.Manifest;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Tests;

/// <summary>Bad configuration stops start-up with a message that says what is wrong.</summary>
/// <remarks>
/// These build the app's own registrations (<see cref="IntentBotServices"/>) on a real host (port 0) and start it directly:
/// WebApplicationFactory can mask a start-up failure behind ObjectDisposedException when the host
/// tears itself down before the factory asks for its services.
/// </remarks>
public sealed class StartupTests
{
    private static Task StartAsync(string key, string value) => StartUp.StartAndStopAsync(key, value);

    [Fact]
    public async Task The_default_configuration_starts()
    {
        await StartAsync("Nlu:ExecutionProvider", "Cpu");
    }

    [Fact]
    public async Task Missing_model_folder_stops_start_up()
    {
        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => StartAsync("Nlu:ModelPath", "models/does-not-exist"));
        Assert.Contains("does-not-exist", ex.Message);
    }

    [Fact]
    public async Task Cuda_without_a_gpu_build_stops_start_up()
    {
        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => StartAsync("Nlu:ExecutionProvider", "Cuda"));
        Assert.Contains("CUDA", ex.Message);
    }

    [Theory]
    [InlineData("Nlu:MaxBatchSize", "-1", "MaxBatchSize")]
    [InlineData("Api:MaxTexts", "-1", "MaxTexts")]
    [InlineData("Api:RateLimit:Burst", "0", "Burst")]
    [InlineData("Context:KeyPrefix", "bad prefix!", "KeyPrefix")]
    [InlineData("Widget:ShopName", "", "ShopName")]
    [InlineData("Widget:LogoUrl", "javascript:alert(1)", "LogoUrl")]
    [InlineData("Widget:AccentColor", "green", "AccentColor")]
    public async Task Invalid_options_stop_start_up(string key, string value, string mention)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(key, value));
        Assert.Contains(mention, ex.Message);
    }
}
