public enum PipelineKitVersion { public static let string = "0.1.0" }
