/* The CLI's own functions are cli_*; main is main. */
int cli_gadget(int argc);

int cmd_gadget(int argc) /* checksrc-expect: internal-symbol{'cmd_gadget'} */
{
	return argc;
}

int cli_gadget(int argc)
{
	return cmd_gadget(argc);
}

int main(int argc, char **argv)
{
	(void)argv;
	return cli_gadget(argc);
}
