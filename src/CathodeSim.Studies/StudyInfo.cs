using System.Reflection;

namespace CathodeSim.Studies;

/// <summary>Facts about this library that go into the provenance of the files a study writes.</summary>
public static class StudyInfo
{
    /// <summary>The informational version of CathodeSim.Studies (e.g. <c>0.1.0+commit</c>), the default program version of a request.</summary>
    public static string Version =>
        typeof(StudyInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
