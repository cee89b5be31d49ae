using CathodeSim.Model.Results;

namespace CathodeSim.IO.Output;

/// <summary>Writes a simulation result in one output format.</summary>
public interface IResultWriter
{
    /// <summary>Writes <paramref name="result"/> into <paramref name="outputDirectory"/>, creating the directory if needed.</summary>
    /// <param name="result">The run to write; its <see cref="SimulationResult.Name"/> names the file(s).</param>
    /// <param name="metadata">Provenance stored alongside, where the format allows.</param>
    /// <param name="outputDirectory">Target directory.</param>
    /// <returns>Path of the (main) file written.</returns>
    string Write(SimulationResult result, RunMetadata metadata, string outputDirectory);
}
