/// Environments for child processes, built explicitly instead of inherited wholesale.
public enum ChildEnvironment {
    /// `environment` without the variables that hold credentials (`*_API_KEY`, `*_TOKEN`, `*SECRET*`,
    /// `*PASSWORD*`, `*_KEY`): tools like pip and cmake need the rest (`PATH`, proxies, `PIP_*`,
    /// `CMAKE_ARGS`), never a vendor key.
    public static func withoutSecrets(_ environment: [String: String]) -> [String: String] {
        environment.filter { name, _ in !isSecret(name) }
    }

    /// Only the variables an interpreter needs to be found and to start (`PATH`, `HOME`, `LANG`, pyenv's),
    /// for running untrusted code.
    public static func minimal(from environment: [String: String]) -> [String: String] {
        var result = ["PATH": environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
        for name in ["HOME", "LANG", "PYENV_ROOT", "PYENV_VERSION"] {
            if let value = environment[name] { result[name] = value }
        }
        return result
    }

    /// Whether a variable's name says it holds a credential.
    static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasSuffix("_KEY") || upper.hasSuffix("_TOKEN") || upper.contains("SECRET")
            || upper.contains("PASSWORD") || upper.contains("API_KEY")
    }
}
