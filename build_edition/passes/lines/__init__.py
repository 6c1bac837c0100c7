"""Line-level passes: furniture removal, overprinted lines, paragraph assembly, unwrapping."""
