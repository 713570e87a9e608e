using IntentBot.Nlu.Batching;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>How many model runs go on at once, and on how many threads each, for each setting.</summary>
public sealed class ModelParallelismTests
{
    [Fact]
    public void By_default_a_cpu_gets_one_single_threaded_run_per_core()
    {
        var options = new NluOptions();
        Assert.Equal(1, ModelParallelism.ThreadsPerRun(options));
        Assert.Equal(Environment.ProcessorCount, ModelParallelism.Runners(options, "CPU"));
    }

    [Fact]
    public void A_gpu_gets_one_run_at_a_time()
    {
        Assert.Equal(1, ModelParallelism.Runners(new NluOptions(), "CUDA"));
        Assert.Equal(3, ModelParallelism.Runners(new NluOptions { ModelRunners = 3 }, "CUDA"));
    }

    [Fact]
    public void One_runner_lets_onnx_runtime_use_every_core()
    {
        var options = new NluOptions { ModelRunners = 1 };
        Assert.Equal(0, ModelParallelism.ThreadsPerRun(options));
        Assert.Equal(1, ModelParallelism.Runners(options, "CPU"));
    }

    [Theory]
    [InlineData(2, 0, 2)]   // threads set: runners share the cores out
    [InlineData(2, 3, 2)]   // both set: both kept
    [InlineData(256, 0, 256)] // more threads than cores: still one run
    public void Explicit_settings_are_kept_and_the_rest_follows(int threads, int runners, int expectedThreads)
    {
        var options = new NluOptions { IntraOpThreads = threads, ModelRunners = runners };
        Assert.Equal(expectedThreads, ModelParallelism.ThreadsPerRun(options));
        var expectedRunners = runners > 0 ? runners : Math.Max(1, Environment.ProcessorCount / threads);
        Assert.Equal(expectedRunners, ModelParallelism.Runners(options, "CPU"));
    }

    [Fact]
    public void Single_threaded_runs_take_small_batches_and_one_big_run_or_a_gpu_takes_big_ones()
    {
        Assert.Equal(16, ModelParallelism.BatchSize(new NluOptions { ModelRunners = 2 }, "CPU"));
        Assert.Equal(32, ModelParallelism.BatchSize(new NluOptions { ModelRunners = 1 }, "CPU"));
        Assert.Equal(32, ModelParallelism.BatchSize(new NluOptions(), "CUDA"));
        Assert.Equal(32, ModelParallelism.BatchSize(new NluOptions { ModelRunners = 2, IntraOpThreads = 2 }, "CPU"));
        Assert.Equal(5, ModelParallelism.BatchSize(new NluOptions { MaxBatchSize = 5 }, "CUDA"));
    }
}
