using CathodeSim.Numerics.Diffusion;
using ILGPU;
using ILGPU.Runtime;

namespace CathodeSim.Gpu;

/// <summary>
/// The particle stepper with the particle state on the device: x and the BDF history are uploaded once per step and x
/// downloaded once at its end; per Newton iteration one kernel assembles and forward-eliminates every particle's
/// system and a second back-substitutes and applies the update, and only per-particle vectors cross the host link
/// (up: the interfacial currents, then their updates; down: the outermost shell's x, u and w, then the per-particle
/// norm partials): 6 M doubles per iteration whatever the number of shells. <see cref="Traffic"/> counts it.
/// As an <see cref="IResidentParticleHistory"/> it also keeps the accepted BDF points, the predictor and the history
/// combination on the device, so that a step attempt moves O(M) too (the contact ratios up; the outermost shell and the
/// error partials down) and a whole field crosses only when the caller asks for one.
/// </summary>
/// <remarks>
/// <para>Device buffers are allocated once, at construction (9 M Nr + 14 M + 3 Nr doubles) and when a new diffusivity
/// table arrives (its samples are copied once per table; a temperature change only changes the factor).</para>
/// <para>Thread safety: one stepper per thread (per simulated case); steppers from one <see cref="DeviceChoice"/> share
/// its accelerator and compiled kernels, each owning its stream and buffers.</para>
/// <para>Round-off: on ILGPU's CPU accelerator this matches <see cref="HostAssembledParticleDiffusionStepper"/> with the
/// C# solver bit for bit; on CUDA, ptxas may contract multiply-adds, so results agree to round-off.</para>
/// </remarks>
public sealed class IlgpuParticleDiffusionStepper : IParticleDiffusionStepper, IResidentParticleHistory, IDisposable
{
    private readonly IlgpuBackend _backend;
    private readonly bool _ownsBackend;
    private readonly AcceleratorStream _stream;
    private readonly List<MemoryBuffer1D<double, Stride1D.Dense>> _buffers = [];
    private MemoryBuffer1D<double, Stride1D.Dense>? _tableValues, _tableSlopes;
    private ParticleStepArrays _arrays;
    private readonly double[] _surfaceShell, _surfaceResponse, _surfaceSensitivity, _normPartial;
    private UniformLinearTable? _table;
    private double _factor, _hBeta;
    private bool _inStep, _disposed, _haveNewest;
    private readonly double[] _sumWeights;
    private int _particleWeightCount, _shellWeightCount;

    /// <summary>Creates a stepper for <paramref name="layout"/> on an accelerator the caller owns (and disposes after it).</summary>
    public IlgpuParticleDiffusionStepper(Accelerator accelerator, ParticleDiffusionLayout layout)
        : this(IlgpuBackend.Wrap(accelerator ?? throw new ArgumentNullException(nameof(accelerator))), ownsBackend: true, layout)
    {
    }

    internal IlgpuParticleDiffusionStepper(IlgpuBackend backend, bool ownsBackend, ParticleDiffusionLayout layout)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _backend = backend;
        _ownsBackend = ownsBackend;
        int m = layout.Particles, nr = layout.Shells;
        long length = (long)m * nr;
        backend.Accelerator.Bind();
        _stream = backend.Accelerator.CreateStream();
        try
        {
            _arrays = new ParticleStepArrays
            {
                Stoichiometry = Allocate(length),
                History = Allocate(length),
                Newest = Allocate(length),
                Previous = Allocate(length),
                Oldest = Allocate(length),
                Predictor = Allocate(length),
                SumWeights = Allocate(m + nr),
                GroupSums = Allocate(m),
                Upper = Allocate(length),
                Response = Allocate(length),
                Sensitivity = Allocate(length),
                ShellVolumes = Upload(layout.ShellVolumes),
                FaceAreas = Upload(layout.FaceAreas),
                InverseRadiusSquaredSpacing = Upload(layout.InverseRadiusSquaredSpacing),
                SurfaceFluxCoefficient = Upload(layout.SurfaceFluxCoefficient),
                ContactRatio = Allocate(m),
                Current = Allocate(m),
                CurrentUpdate = Allocate(m),
                SurfaceShell = Allocate(m),
                SurfaceResponse = Allocate(m),
                SurfaceSensitivity = Allocate(m),
                NormPartial = Allocate(m),
                Particles = m,
                Shells = nr,
            };
        }
        catch
        {
            Dispose();
            throw;
        }
        _surfaceShell = new double[m];
        _surfaceResponse = new double[m];
        _surfaceSensitivity = new double[m];
        _normPartial = new double[m];
        _sumWeights = new double[m + nr];
    }

    /// <summary>A stepper with its own ILGPU context on ILGPU's CPU accelerator (disposed with the stepper).</summary>
    public static IlgpuParticleDiffusionStepper CreateCpu(ParticleDiffusionLayout layout)
    {
        var backend = IlgpuBackend.CreateCpu();
        try
        {
            return new IlgpuParticleDiffusionStepper(backend, ownsBackend: true, layout);
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Name => $"resident({_backend.Name})";

    /// <inheritdoc />
    public ParticleDiffusionLayout Layout { get; }

    /// <summary>Bytes and copies across the host link since construction (or the last <see cref="HostLinkTraffic.Reset"/>).</summary>
    public HostLinkTraffic Traffic { get; } = new();

    /// <summary>Kernel launches so far.</summary>
    public long Launches { get; private set; }

    /// <inheritdoc />
    public void SetDiffusivity(UniformLinearTable table, double factor)
    {
        ArgumentNullException.ThrowIfNull(table);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _factor = factor;
        if (ReferenceEquals(table, _table)) return;
        _backend.Accelerator.Bind();
        _tableValues?.Dispose();
        _tableSlopes?.Dispose();
        _tableValues = _tableSlopes = null;
        _table = null;
        _tableValues = _backend.Accelerator.Allocate1D<double>(table.Values.Length);
        _tableSlopes = _backend.Accelerator.Allocate1D<double>(table.Slopes.Length);
        _tableValues.View.BaseView.CopyFromCPU(_stream, table.Values);
        _tableSlopes.View.BaseView.CopyFromCPU(_stream, table.Slopes);
        Traffic.ToDevice(table.Values.Length);
        Traffic.ToDevice(table.Slopes.Length);
        _arrays.TableValues = _tableValues.View.BaseView;
        _arrays.TableSlopes = _tableSlopes.View.BaseView;
        _arrays.TableScale = table.Scale;
        _table = table;
    }

    /// <inheritdoc />
    public void BeginStep(double[] stoichiometry, double[] history, ReadOnlySpan<double> contactRatio, double hBeta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long length = (long)Layout.Particles * Layout.Shells;
        if (stoichiometry.Length != length || history.Length != length || contactRatio.Length != Layout.Particles)
            throw new ArgumentException($"expected {Layout.Particles} particles x {Layout.Shells} shells");
        if (_table is null) throw new InvalidOperationException("SetDiffusivity must be called before the first step");
        _backend.Accelerator.Bind();
        ToDevice(_arrays.Stoichiometry, stoichiometry);
        ToDevice(_arrays.History, history);
        ToDevice(_arrays.ContactRatio, contactRatio);
        _hBeta = hBeta;
        _inStep = true;
    }

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceShell => _surfaceShell;

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceResponse => _surfaceResponse;

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceSensitivity => _surfaceSensitivity;

    /// <inheritdoc />
    public void AssembleAndSolve(ReadOnlySpan<double> current)
    {
        RequireStep();
        _backend.Accelerator.Bind();
        ToDevice(_arrays.Current, current);
        _backend.AssembleAndSolveKernel(_stream, Layout.Particles, _arrays, _hBeta, _factor);
        Launches++;
        // CopyToCPU synchronises the stream, so the kernel has finished when these return.
        ToHost(_arrays.SurfaceShell, _surfaceShell);
        ToHost(_arrays.SurfaceResponse, _surfaceResponse);
        ToHost(_arrays.SurfaceSensitivity, _surfaceSensitivity);
    }

    /// <inheritdoc />
    public double Update(ReadOnlySpan<double> currentUpdate, double relativeTolerance, double absoluteTolerance)
    {
        RequireStep();
        _backend.Accelerator.Bind();
        ToDevice(_arrays.CurrentUpdate, currentUpdate);
        _backend.UpdateKernel(_stream, Layout.Particles, _arrays, relativeTolerance, absoluteTolerance);
        Launches++;
        ToHost(_arrays.NormPartial, _normPartial);
        double sum = 0;
        for (int p = 0; p < _normPartial.Length; p++) sum += _normPartial[p];
        return Math.Sqrt(sum / (Layout.Particles * Layout.Shells));
    }

    /// <inheritdoc />
    public void EndStep(double[] stoichiometry)
    {
        RequireStep();
        _backend.Accelerator.Bind();
        ToHost(_arrays.Stoichiometry, stoichiometry);
        _inStep = false;
    }

    /// <inheritdoc />
    public void LoadNewest(ReadOnlySpan<double> stoichiometry)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _backend.Accelerator.Bind();
        ToDevice(_arrays.Newest, stoichiometry);
        _haveNewest = true;
    }

    /// <inheritdoc />
    public void Prepare(BdfStepWeights weights)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_haveNewest) throw new InvalidOperationException("LoadNewest first");
        if (weights.Points is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(weights), "1 to 3 points");
        _backend.Accelerator.Bind();
        _backend.PrepareKernel(_stream, (int)_arrays.Newest.Length, _arrays, weights.Points, weights.HistoryNewest,
            weights.HistoryPrevious, weights.Predictor0, weights.Predictor1, weights.Predictor2);
        Launches++;
    }

    /// <inheritdoc />
    public void BeginPredictedStep(ReadOnlySpan<double> contactRatio, double hBeta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (contactRatio.Length != Layout.Particles) throw new ArgumentException($"expected {Layout.Particles} particles");
        if (_table is null) throw new InvalidOperationException("SetDiffusivity must be called before the first step");
        _backend.Accelerator.Bind();
        ToDevice(_arrays.ContactRatio, contactRatio);
        _hBeta = hBeta;
        _inStep = true;
    }

    /// <inheritdoc />
    public void EndPredictedStep(Span<double> surfaceShell)
    {
        RequireStep();
        _backend.Accelerator.Bind();
        int m = Layout.Particles;
        ToHost(_arrays.Stoichiometry.SubView((long)(Layout.Shells - 1) * m, m), surfaceShell);
        _inStep = false;
    }

    /// <inheritdoc />
    public double ErrorNorm(double relativeTolerance, double absoluteTolerance)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _backend.Accelerator.Bind();
        int m = Layout.Particles;
        _backend.ErrorPartialsKernel(_stream, m, _arrays, relativeTolerance, absoluteTolerance);
        Launches++;
        ToHost(_arrays.GroupSums, _normPartial);
        double sum = 0;
        for (int p = 0; p < m; p++) sum += _normPartial[p];
        return Math.Sqrt(sum / _arrays.Stoichiometry.Length);
    }

    /// <inheritdoc />
    public void Accept()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inStep) throw new InvalidOperationException("end the step first");
        // The iterate's buffer becomes x_n and the oldest point's buffer the next iterate: views swap, no data moves.
        var oldest = _arrays.Oldest;
        _arrays.Oldest = _arrays.Previous;
        _arrays.Previous = _arrays.Newest;
        _arrays.Newest = _arrays.Stoichiometry;
        _arrays.Stoichiometry = oldest;
        _haveNewest = true;
    }

    /// <inheritdoc />
    public void DownloadNewest(Span<double> stoichiometry)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _backend.Accelerator.Bind();
        ToHost(_arrays.Newest, stoichiometry);
    }

    /// <inheritdoc />
    public void WeightedSums(ParticleField field, ReadOnlySpan<double> particleWeights, ReadOnlySpan<double> shellWeights, Span<double> sums)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int m = Layout.Particles, groupSize = particleWeights.Length;
        if (groupSize == 0 || sums.Length * groupSize != m || shellWeights.Length != Layout.Shells)
            throw new ArgumentException($"expected groups x group size = {m} particles and {Layout.Shells} shell weights");
        var source = field switch
        {
            ParticleField.Newest => _arrays.Newest,
            ParticleField.Predictor => _arrays.Predictor,
            ParticleField.Iterate => _arrays.Stoichiometry,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        _backend.Accelerator.Bind();
        // The caller's weights rarely change (node shares, shell volumes): upload them only when they do, so a call moves
        // the sums down and nothing up.
        if (!particleWeights.SequenceEqual(_sumWeights.AsSpan(0, _particleWeightCount)))
        {
            ToDevice(_arrays.SumWeights.SubView(0, groupSize), particleWeights);
            particleWeights.CopyTo(_sumWeights);
            _particleWeightCount = groupSize;
        }
        if (!shellWeights.SequenceEqual(_sumWeights.AsSpan(m, _shellWeightCount)))
        {
            ToDevice(_arrays.SumWeights.SubView(m, Layout.Shells), shellWeights);
            shellWeights.CopyTo(_sumWeights.AsSpan(m));
            _shellWeightCount = Layout.Shells;
        }
        _backend.WeightedSumsKernel(_stream, sums.Length, _arrays, source, groupSize);
        Launches++;
        ToHost(_arrays.GroupSums.SubView(0, sums.Length), sums);
    }

    private void RequireStep()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_inStep) throw new InvalidOperationException("BeginStep first");
    }

    private ArrayView<double> Allocate(long length)
    {
        var buffer = _backend.Accelerator.Allocate1D<double>(length);
        _buffers.Add(buffer);
        return buffer.View.BaseView;
    }

    private ArrayView<double> Upload(double[] values)
    {
        var view = Allocate(values.Length);
        ToDevice(view, values);
        return view;
    }

    private void ToDevice(ArrayView<double> view, ReadOnlySpan<double> values)
    {
        if (values.Length != view.Length) throw new ArgumentException($"expected {view.Length} values, got {values.Length}");
        view.CopyFromCPU(_stream, values);
        Traffic.ToDevice(values.Length);
    }

    private void ToHost(ArrayView<double> view, Span<double> values)
    {
        view.CopyToCPU(_stream, values);
        Traffic.ToHost(values.Length);
    }

    /// <summary>Releases the stream and device buffers (and the context, for a stepper from <see cref="CreateCpu"/>).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var buffer in _buffers) buffer.Dispose();
        _buffers.Clear();
        _tableValues?.Dispose();
        _tableSlopes?.Dispose();
        _stream?.Dispose();
        if (_ownsBackend) _backend.Dispose();
    }
}
