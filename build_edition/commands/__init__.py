"""The command line (`build-edition ...`): the only place that runs a whole job."""
