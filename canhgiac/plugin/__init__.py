"""The thin MkDocs layer: wires the content model, quizzes and handbook to MkDocs events."""
