"""The pages of documents: lists, the draft editor, the document page and its workflow."""
