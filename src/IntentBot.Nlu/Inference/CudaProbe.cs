using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace IntentBot.Nlu.Inference;

/// <summary>
/// Says, without asking ONNX Runtime to start CUDA, why its CUDA provider could not run here. Asking ORT
/// on a machine without CUDA makes it print its own error to stderr and throw, which reads like a crash in
/// the log of a perfectly healthy CPU-only server; loading the libraries ourselves first keeps the answer
/// to one line.
/// </summary>
internal static class CudaProbe
{
    /// <summary>What the CUDA provider of the Microsoft.ML.OnnxRuntime.Gpu 1.32 package needs from the host.</summary>
    public const string Requirement = "an NVIDIA driver, CUDA 13.x and cuDNN 9.x";

    private const string CudaProvider = "CUDAExecutionProvider";

    // The libraries libonnxruntime_providers_cuda links to (readelf -d: NEEDED) or loads itself (cuDNN),
    // driver first so that a machine without a GPU is named as such.
    private static readonly string[] LinuxLibraries =
        ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcudnn.so.9"];

    private static readonly string[] WindowsLibraries =
        ["nvcuda.dll", "cudart64_13.dll", "cublas64_13.dll", "cublasLt64_13.dll", "curand64_10.dll", "cudnn64_9.dll"];

    /// <summary>Null when CUDA can be tried; otherwise why not, in words fit for a log line.</summary>
    public static string? Unavailable()
    {
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
            return "this build carries the CPU-only ONNX Runtime package (Microsoft.ML.OnnxRuntime); " +
                   "the CUDA one is the default on linux-x64 and win-x64, or build with -p:OnnxRuntimeGpu=true";

        var libraries = OperatingSystem.IsWindows() ? WindowsLibraries : LinuxLibraries;
        foreach (var library in libraries)
        {
            if (!NativeLibrary.TryLoad(library, out var handle))
                return library == libraries[0]
                    ? $"no NVIDIA driver ({library} not found)"
                    : $"{library} not found (the CUDA provider needs {Requirement})";
            NativeLibrary.Free(handle);
        }
        return null;
    }
}
